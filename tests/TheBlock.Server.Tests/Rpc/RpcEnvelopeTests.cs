using System.Net;
using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcEnvelopeTests
{
    [Fact]
    public async Task Single_call_returns_its_result_with_the_id_echoed()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":7,"method":"test.echo","params":{"text":"hi","amount":5}}""");

        Assert.Equal(7, response.GetProperty("id").GetInt32());
        JsonElement result = RpcAssert.Result(response);
        Assert.Equal("hi", result.GetProperty("text").GetString());
        Assert.Equal(5UL, result.GetProperty("amount").GetUInt64());
    }

    [Fact]
    public async Task Ids_are_echoed_exactly_as_sent()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        foreach (string id in new[] { "123456789012345678901234567890", "1.50", "\"abc \\\" é\"", "null" })
        {
            using HttpResponseMessage response = await server.PostAsync($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"test.echo","params":{"text":"x"}}""");
            string body = await response.Content.ReadAsStringAsync();
            Assert.Contains($"\"id\":{id},", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Batch_mixes_results_and_errors_in_order_with_their_ids()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""
            [
              {"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"a"}},
              {"jsonrpc":"2.0","id":"two","method":"no.such.method"},
              {"jsonrpc":"2.0","method":"test.echo","params":{"text":"notification"}},
              {"jsonrpc":"2.0","id":3,"method":"test.echo","params":{"text":5}},
              7
            ]
            """);

        JsonElement[] entries = [.. response.EnumerateArray()];
        Assert.Equal(4, entries.Length);
        Assert.Equal(1, entries[0].GetProperty("id").GetInt32());
        Assert.Equal("a", RpcAssert.Result(entries[0]).GetProperty("text").GetString());
        Assert.Equal("two", entries[1].GetProperty("id").GetString());
        RpcAssert.Error(entries[1], RpcErrorCodes.MethodNotFound, CoreReasonRegistry.MethodNotFound);
        Assert.Equal(3, entries[2].GetProperty("id").GetInt32());
        RpcAssert.InvalidParams(entries[2]);
        RpcAssert.IdIsNull(entries[3]);
        RpcAssert.Error(entries[3], RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
    }

    [Fact]
    public async Task Notification_runs_and_gets_no_answer()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        using HttpResponseMessage response = await server.PostAsync(
            """{"jsonrpc":"2.0","method":"test.counter.increment"}""", RpcTestServer.AdminToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, server.Methods.Counter);
    }

    [Fact]
    public async Task Batch_of_only_notifications_runs_them_all_and_answers_204()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        using HttpResponseMessage response = await server.PostAsync(
            """[{"jsonrpc":"2.0","method":"test.counter.increment"},{"jsonrpc":"2.0","method":"test.counter.increment","params":{"by":2}}]""",
            RpcTestServer.AdminToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(3, server.Methods.Counter);
    }

    [Fact]
    public async Task Malformed_json_is_a_parse_error_with_a_null_id()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":""");

        RpcAssert.Error(response, RpcErrorCodes.ParseError, CoreReasonRegistry.ParseError);
        RpcAssert.IdIsNull(response);
    }

    [Fact]
    public async Task Duplicate_members_are_refused_rather_than_guessed()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.echo","method":"test.throw"}""");

        RpcAssert.Error(response, RpcErrorCodes.ParseError, CoreReasonRegistry.ParseError);
        Assert.Equal(0, server.Methods.HandlerCalls);
    }

    [Fact]
    public async Task Wrong_jsonrpc_version_is_an_invalid_request_that_keeps_the_id()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"1.0","id":"a","method":"test.echo","params":{"text":"x"}}""");

        string message = RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
        Assert.Contains("jsonrpc", message, StringComparison.Ordinal);
        Assert.Equal("a", response.GetProperty("id").GetString());
        Assert.Equal(0, server.Methods.HandlerCalls);
    }

    [Fact]
    public async Task Request_without_a_method_is_an_invalid_request()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":42}""");

        string message = RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
        Assert.Equal("method must be a string", message);
    }

    [Fact]
    public async Task An_object_id_is_an_invalid_request_answered_with_a_null_id()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":{"a":1},"method":"test.echo"}""");

        RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
        RpcAssert.IdIsNull(response);
    }

    [Fact]
    public async Task Positional_params_are_invalid_params()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":["hi"]}""");

        Assert.Equal("params must be an object of named parameters", RpcAssert.InvalidParams(response));
        Assert.Equal(0, server.Methods.HandlerCalls);
    }

    [Fact]
    public async Task Unknown_method_is_method_not_found_even_without_a_token()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"gov.treasury.rollback"}""");

        string message = RpcAssert.Error(response, RpcErrorCodes.MethodNotFound, CoreReasonRegistry.MethodNotFound);
        Assert.Contains("gov.treasury.rollback", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_batch_is_an_invalid_request()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("[]");

        RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
        RpcAssert.IdIsNull(response);
    }

    [Fact]
    public async Task A_bare_value_is_an_invalid_request()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("42");

        RpcAssert.Error(response, RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest);
    }

    [Fact]
    public async Task Get_is_method_not_allowed()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        using HttpResponseMessage response = await server.Client.GetAsync(new Uri("/rpc", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
