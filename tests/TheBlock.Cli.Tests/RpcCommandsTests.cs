using System.Text.Json;
using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests;

public sealed class RpcCommandsTests
{
    private const string Methods = """{"methods":[{"name":"gov.treasury.rollback","role":"admin"},{"name":"rpc.methods","role":"public"}]}""";

    [Fact]
    public async Task Rpc_methods_calls_rpc_methods_and_prints_its_result_unchanged()
    {
        using var server = new FakeRpcServer().Reply("rpc.methods", Methods);

        var run = await ContractCli.RunAsync("rpc", "methods", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("rpc.methods", Assert.Single(server.Requests).Method);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Methods).RootElement, run.Json));
    }
}
