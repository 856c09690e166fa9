using System.Text.Json;
using Microsoft.Extensions.Logging;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcFailureTests
{
    [Fact]
    public async Task Throwing_handler_is_an_internal_error_that_does_not_leak_the_exception()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        using HttpResponseMessage http = await server.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"test.throw"}""");
        string body = await http.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, http.StatusCode);
        Assert.DoesNotContain("fire", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperation", body, StringComparison.Ordinal);
        string message = RpcAssert.Error(JsonElement.Parse(body), RpcErrorCodes.Internal, CoreReasonRegistry.InternalError);
        Assert.Equal("internal error; see node.log", message);

        CapturedLog logged = Assert.Single(server.Logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("RpcInternalError", logged.EventName);
        Assert.Equal("RpcInternalError method=test.throw", logged.Message);
        Assert.Equal(TestMethods.SecretInException, logged.Exception?.Message);
    }

    [Fact]
    public async Task A_throwing_call_in_a_batch_does_not_disturb_the_others()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""
            [{"jsonrpc":"2.0","id":1,"method":"test.throw"},{"jsonrpc":"2.0","id":2,"method":"test.echo","params":{"text":"ok"}}]
            """);

        JsonElement[] entries = [.. response.EnumerateArray()];
        RpcAssert.Error(entries[0], RpcErrorCodes.Internal, CoreReasonRegistry.InternalError);
        Assert.Equal("ok", RpcAssert.Result(entries[1]).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Result_that_fails_to_serialize_becomes_an_internal_error_and_the_batch_stays_valid_json()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""
            [{"jsonrpc":"2.0","id":1,"method":"test.bad_result"},{"jsonrpc":"2.0","id":2,"method":"test.echo","params":{"text":"ok"}}]
            """);

        JsonElement[] entries = [.. response.EnumerateArray()];
        Assert.Equal(2, entries.Length);
        Assert.Equal(1, entries[0].GetProperty("id").GetInt32());
        RpcAssert.Error(entries[0], RpcErrorCodes.Internal, CoreReasonRegistry.InternalError);
        Assert.Equal("ok", RpcAssert.Result(entries[1]).GetProperty("text").GetString());
        Assert.Contains(server.Logger.Entries, e => e.Message == "RpcInternalError method=test.bad_result");
        Assert.Contains("rpc_requests_total{method=\"test.bad_result\",outcome=\"error\"} 1", await server.ExportMetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_error_carries_its_code_reason_and_details()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.find","params":{"id":42}}""");

        string message = RpcAssert.Error(response, RpcErrorCodes.NotFound, "disbursement_not_found");
        Assert.Equal("disbursement 42 does not exist", message);
        Assert.Equal(42UL, response.GetProperty("error").GetProperty("data").GetProperty("id").GetUInt64());
    }

    [Fact]
    public void Error_details_that_cannot_be_written_are_refused_where_they_are_made()
    {
        Assert.Throws<ArgumentException>(() => RpcError.NotFound("x_not_found", "x", new Dictionary<string, object?> { ["when"] = DateTime.UnixEpoch }));
        Assert.Throws<ArgumentException>(() => RpcError.NotFound("x_not_found", "x", new Dictionary<string, object?> { ["reason"] = "other" }));
        Assert.NotNull(RpcError.NotFound("x_not_found", "x", new Dictionary<string, object?> { ["ids"] = new[] { 1UL }, ["name"] = null }).Details);
    }

    [Fact]
    public void Default_outcome_is_neither_a_result_nor_an_error()
    {
        RpcOutcome outcome = default;

        Assert.False(outcome.IsOk);
        Assert.Null(outcome.Error);
        Assert.Throws<InvalidOperationException>(() => outcome.Result);
    }
}
