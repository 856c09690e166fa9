using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>The response-size caps: per call and per batch, each answered <c>response_too_large</c>, never buffered past the cap.</summary>
public sealed class RpcResponseLimitsTests
{
    [Fact]
    public async Task A_result_larger_than_the_per_call_cap_is_answered_response_too_large()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxResponseBytes = 4096 });
        string call = $$$"""{"jsonrpc":"2.0","id":7,"method":"test.echo","params":{"text":"{{{new string('x', 8000)}}}"}}""";

        using HttpResponseMessage http = await server.PostAsync(call);
        string body = await http.Content.ReadAsStringAsync();
        JsonElement response = JsonElement.Parse(body);

        string message = RpcAssert.Error(response, RpcErrorCodes.ResponseTooLarge, CoreReasonRegistry.ResponseTooLarge);
        Assert.Equal("the result of test.echo exceeds the response limit of 4096 bytes; ask for less (a smaller limit or range)", message);
        Assert.Equal(4096, response.GetProperty("error").GetProperty("data").GetProperty("limit_bytes").GetInt32());
        Assert.Equal(7, response.GetProperty("id").GetInt32());
        Assert.True(body.Length < 4096, $"the error body is {body.Length} bytes");
    }

    [Fact]
    public async Task A_result_within_the_per_call_cap_is_served_whole()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxResponseBytes = 4096 });
        string text = new('x', 3000);

        JsonElement response = await server.CallAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"{{{text}}}"}}""");

        Assert.Equal(text, RpcAssert.Result(response).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_batch_whose_answers_exceed_the_batch_cap_is_cut_off_with_response_too_large_and_runs_nothing_more()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxResponseBytes = 4096, MaxBatchResponseBytes = 8192 });
        IEnumerable<string> echoes = Enumerable.Range(1, 6).Select(id =>
            $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"test.echo","params":{"text":"{{{new string('x', 3000)}}}"}}""");
        string batch = "[" + string.Join(',', echoes) + """,{"jsonrpc":"2.0","id":7,"method":"test.counter.increment"}]""";

        using HttpResponseMessage http = await server.PostAsync(batch, RpcTestServer.AdminToken);
        string body = await http.Content.ReadAsStringAsync();
        JsonElement[] entries = [.. JsonElement.Parse(body).EnumerateArray()];

        Assert.Equal(7, entries.Length);
        Assert.All(entries[..2], entry => RpcAssert.Result(entry));
        string cutOff = RpcAssert.Error(entries[2], RpcErrorCodes.ResponseTooLarge, CoreReasonRegistry.ResponseTooLarge);
        Assert.Equal("the batch's answers exceed the batch response limit of 8192 bytes; this call ran but its result was dropped, and the rest of the batch was not run", cutOff);
        string notRun = RpcAssert.Error(entries[6], RpcErrorCodes.ResponseTooLarge, CoreReasonRegistry.ResponseTooLarge);
        Assert.Equal("the batch's answers reached the batch response limit of 8192 bytes; this call was not run", notRun);
        Assert.Equal(Enumerable.Range(1, 7), entries.Select(entry => entry.GetProperty("id").GetInt32()));
        Assert.Equal(3, server.Methods.HandlerCalls);
        Assert.Equal(0, server.Methods.Counter);
        Assert.True(body.Length < 8192 + (5 * 300), $"the batch body is {body.Length} bytes");
    }
}
