using System.Text.Json;
using Microsoft.Extensions.Logging;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcAuthTests
{
    private const string Increment = """{"jsonrpc":"2.0","id":1,"method":"test.counter.increment"}""";

    [Fact]
    public async Task Admin_method_without_a_token_is_unauthorized_and_changes_nothing()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync(Increment);

        string message = RpcAssert.Error(response, RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
        Assert.Equal("method test.counter.increment requires the admin token", message);
        Assert.Equal(0, server.Methods.Counter);
        Assert.Contains(server.Logger.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("RpcUnauthorized method=test.counter.increment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_method_with_a_wrong_token_is_unauthorized_and_the_token_is_not_logged()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();
        const string Wrong = "admin-secret-token-0123456780";

        JsonElement response = await server.CallAsync(Increment, Wrong);

        RpcAssert.Error(response, RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
        Assert.Equal(0, server.Methods.Counter);
        Assert.DoesNotContain(server.Logger.Entries, e => e.Message.Contains(Wrong, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_method_with_the_admin_token_runs()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync(Increment, RpcTestServer.AdminToken);

        Assert.Equal(1, RpcAssert.Result(response).GetInt64());
        Assert.Equal(1, server.Methods.Counter);
    }

    [Fact]
    public async Task Oracle_token_cannot_call_an_admin_method()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync(Increment, RpcTestServer.OracleToken);

        RpcAssert.Error(response, RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
        Assert.Equal(0, server.Methods.Counter);
    }

    [Fact]
    public async Task Oracle_method_accepts_the_oracle_token_and_the_admin_token_but_no_other()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();
        const string Ping = """{"jsonrpc":"2.0","id":1,"method":"test.oracle.ping"}""";

        Assert.Equal("pong", RpcAssert.Result(await server.CallAsync(Ping, RpcTestServer.OracleToken)).GetString());
        Assert.Equal("pong", RpcAssert.Result(await server.CallAsync(Ping, RpcTestServer.AdminToken)).GetString());
        string message = RpcAssert.Error(await server.CallAsync(Ping), RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
        Assert.Equal("method test.oracle.ping requires the oracle token or the admin token", message);
    }

    [Fact]
    public async Task Invalid_params_are_not_revealed_before_the_token_is_checked()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.counter.increment","params":[1]}""");

        RpcAssert.Error(response, RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
    }

    [Fact]
    public void Tokens_authenticate_to_their_role_only()
    {
        var tokens = new RpcTokens(new Dictionary<RpcRole, string> { [RpcRole.Admin] = "a-token", [RpcRole.Emitter] = "e-token" });

        Assert.Equal(RpcRole.Admin, tokens.Authenticate("a-token"));
        Assert.Equal(RpcRole.Emitter, tokens.Authenticate("e-token"));
        Assert.Null(tokens.Authenticate("a-toke"));
        Assert.Null(tokens.Authenticate("a-token "));
        Assert.Null(tokens.Authenticate(""));
        Assert.Null(tokens.Authenticate(null));
        Assert.Null(tokens.Authenticate(new string('a', 100_000)));
        Assert.Null(RpcTokens.None.Authenticate("a-token"));
    }

    [Fact]
    public void Tokens_refuse_a_public_token_an_empty_token_and_a_token_shared_by_two_roles()
    {
        Assert.Throws<ArgumentException>(() => new RpcTokens(new Dictionary<RpcRole, string> { [RpcRole.Public] = "p" }));
        Assert.Throws<ArgumentException>(() => new RpcTokens(new Dictionary<RpcRole, string> { [RpcRole.Admin] = " " }));
        Assert.Throws<ArgumentException>(() => new RpcTokens(new Dictionary<RpcRole, string> { [RpcRole.Admin] = "same", [RpcRole.Oracle] = "same" }));
    }
}
