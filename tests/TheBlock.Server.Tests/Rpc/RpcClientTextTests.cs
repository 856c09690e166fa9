using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcClientTextTests
{
    [Fact]
    public async Task A_method_name_escaping_a_lone_surrogate_is_an_invalid_request_not_a_crash()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.\uD800"}""");

        RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
    }

    [Fact]
    public async Task A_param_escaping_a_lone_surrogate_is_invalid_params_not_an_internal_error()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"\uDC00"}}""");

        RpcAssert.InvalidParams(response);
        Assert.Empty(server.Logger.Entries);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"test.echo","\uD800":1}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"hi","\uDC00":1}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"\uDC00":1}}""")]
    [InlineData("""{"\uD800":1}""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"hi"}},{"\uD800":1,"\uD801":2}]""")]
    public async Task A_member_name_escaping_a_lone_surrogate_is_an_invalid_request_not_a_crash(string body)
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync(body);

        string message = RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
        Assert.Equal("member names must be valid Unicode text; one escapes an unpaired surrogate (\\ud800 to \\udfff)", message);
        RpcAssert.IdIsNull(response);
        Assert.Equal(0, server.Methods.HandlerCalls);
    }

    [Fact]
    public async Task A_huge_unknown_method_name_is_not_echoed_whole()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"{{{new string('m', 10_000)}}}"}""");

        string message = RpcAssert.Error(response, RpcErrorCodes.MethodNotFound, CoreReasonRegistry.MethodNotFound);
        Assert.True(message.Length < 200, message);
    }

    [Fact]
    public void Shortening_never_splits_a_surrogate_pair()
    {
        string text = new string('a', 9) + "\U0001F600" + "tail";

        string shortened = RpcClientText.Shorten(text, 10);

        Assert.Equal(new string('a', 9) + "...", shortened);
        Assert.Equal("short", RpcClientText.Shorten("short", 10));
    }
}
