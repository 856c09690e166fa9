using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcLimitsTests
{
    [Fact]
    public async Task Body_over_the_limit_is_413_and_runs_nothing()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxRequestBytes = 1024 });
        string body = $$$"""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"{{{new string('x', 4096)}}}"}}""";

        JsonElement response = await server.CallAsync(body, expected: HttpStatusCode.RequestEntityTooLarge);

        string message = RpcAssert.Error(response, RpcErrorCodes.RequestTooLarge, CoreReasonRegistry.RequestTooLarge);
        Assert.Equal("request body exceeds the limit of 1024 bytes", message);
        RpcAssert.IdIsNull(response);
        Assert.Equal(0, server.Methods.HandlerCalls);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413_and_runs_nothing()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxRequestBytes = 1024 });
        byte[] body = Encoding.UTF8.GetBytes($$$"""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"{{{new string('x', 16_384)}}}"}}""");

        using HttpResponseMessage response = await server.PostAsync(new ChunkedContent(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        RpcAssert.Error(JsonElement.Parse(await response.Content.ReadAsStringAsync()), RpcErrorCodes.RequestTooLarge, CoreReasonRegistry.RequestTooLarge);
        Assert.Equal(0, server.Methods.HandlerCalls);
    }

    [Fact]
    public async Task Chunked_body_within_the_limit_is_served()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxRequestBytes = 1024 });
        byte[] body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"small"}}""");

        using HttpResponseMessage response = await server.PostAsync(new ChunkedContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("small", RpcAssert.Result(JsonElement.Parse(await response.Content.ReadAsStringAsync())).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Batch_over_the_limit_is_refused_whole_and_runs_nothing()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxBatchSize = 3 });
        string call = """{"jsonrpc":"2.0","id":1,"method":"test.counter.increment"}""";

        JsonElement response = await server.CallAsync($"[{call},{call},{call},{call}]", RpcTestServer.AdminToken);

        string message = RpcAssert.Error(response, RpcErrorCodes.BatchTooLarge, CoreReasonRegistry.BatchTooLarge);
        Assert.Contains("limit of 3", message, StringComparison.Ordinal);
        Assert.Equal(0, server.Methods.Counter);
    }

    [Fact]
    public async Task Calls_beyond_the_burst_are_429_until_tokens_refill()
    {
        var time = new FakeTimeProvider();
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { RateLimitPerSecond = 2 }, time);
        const string Call = """{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"x"}}""";

        for (int i = 0; i < 4; i++)
        {
            RpcAssert.Result(await server.CallAsync(Call));
        }

        JsonElement limited = await server.CallAsync(Call, expected: HttpStatusCode.TooManyRequests);
        Assert.Equal("rate limit of 2 calls per second exceeded; retry later", RpcAssert.Error(limited, RpcErrorCodes.RateLimited, CoreReasonRegistry.RateLimited));
        Assert.Equal(4, server.Methods.HandlerCalls);

        time.Advance(TimeSpan.FromSeconds(1));
        RpcAssert.Result(await server.CallAsync(Call));
        RpcAssert.Result(await server.CallAsync(Call));
        await server.CallAsync(Call, expected: HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Batch_elements_beyond_the_burst_are_rate_limited_one_by_one()
    {
        var time = new FakeTimeProvider();
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { RateLimitPerSecond = 2 }, time);
        string batch = "[" + string.Join(',', Enumerable.Range(1, 6).Select(id => $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"test.echo","params":{"text":"x"}}""")) + "]";

        JsonElement response = await server.CallAsync(batch);

        JsonElement[] entries = [.. response.EnumerateArray()];
        Assert.All(entries[..4], entry => RpcAssert.Result(entry));
        Assert.All(entries[4..], entry => RpcAssert.Error(entry, RpcErrorCodes.RateLimited, CoreReasonRegistry.RateLimited));
        Assert.Equal(4, server.Methods.HandlerCalls);
    }

    /// <summary>Content of unknown length, so HttpClient sends it with chunked transfer encoding.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (int offset = 0; offset < body.Length; offset += 512)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(512, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
