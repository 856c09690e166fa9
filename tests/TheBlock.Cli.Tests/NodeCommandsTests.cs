using System.Text.Json;
using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests;

public sealed class NodeCommandsTests
{
    [Fact]
    public async Task Node_status_calls_node_status_and_prints_its_result_unchanged()
    {
        using var server = new FakeRpcServer().Reply("node.status", Samples.NodeStatus);

        var run = await ContractCli.RunAsync("node", "status", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("node.status", request.Method);
        Assert.Equal(JsonValueKind.Object, request.Params.ValueKind);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Samples.NodeStatus).RootElement, run.Json));
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task Output_is_pretty_printed_with_two_spaces_and_one_trailing_newline()
    {
        using var server = new FakeRpcServer().Reply("node.status", """{"chain_id":"x","roles":["node"]}""");

        var run = await ContractCli.RunAsync("node", "status", "--rpc", server.Url);

        Assert.Equal("{\n  \"chain_id\": \"x\",\n  \"roles\": [\n    \"node\"\n  ]\n}\n", run.Stdout);
    }

    [Fact]
    public async Task Global_options_are_accepted_before_the_command_too()
    {
        using var server = new FakeRpcServer().Reply("node.status", Samples.NodeStatus);

        var run = await ContractCli.RunAsync("--rpc", server.Url, "node", "status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("node.status", Assert.Single(server.Requests).Method);
    }

    [Fact]
    public async Task Node_consensus_status_calls_node_consensus()
    {
        const string Consensus = """{"mode":"single_validator","leader":"v1","validators":["v1"],"healthy":true,"stalled_for_seconds":0}""";
        using var server = new FakeRpcServer().Reply("node.consensus", Consensus);

        var run = await ContractCli.RunAsync("node", "consensus", "--status", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("node.consensus", Assert.Single(server.Requests).Method);
        Assert.True(run.Json.GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Ledger_inspect_sends_the_account_it_was_given()
    {
        var address = TestKeys.FilledAddress(1);
        using var server = new FakeRpcServer().Reply("node.ledger.inspect", Samples.Ledger(address, 0));

        var run = await ContractCli.RunAsync("node", "ledger", "inspect", "--account", address, "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("node.ledger.inspect", request.Method);
        Assert.Equal(address, request.Params.GetProperty("account").GetString());
        Assert.Equal(address, run.Json.GetProperty("account").GetString());
    }

    [Fact]
    public async Task Ledger_inspect_accepts_a_system_account_name()
    {
        using var server = new FakeRpcServer().Reply("node.ledger.inspect", Samples.Ledger("treasury", 0));

        var run = await ContractCli.RunAsync("node", "ledger", "inspect", "--account", "treasury", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("treasury", Assert.Single(server.Requests).Params.GetProperty("account").GetString());
    }

    [Fact]
    public async Task Ledger_inspect_of_an_address_with_a_bad_checksum_is_a_usage_error_and_sends_nothing()
    {
        using var server = new FakeRpcServer();
        var address = TestKeys.WithBadChecksum(TestKeys.FilledAddress(1));

        var run = await ContractCli.RunAsync("node", "ledger", "inspect", "--account", address, "--rpc", server.Url);

        ContractCli.AssertFails(run, 2, "invalid_address");
        Assert.Equal(2, run.ErrorCode);
        Assert.Contains($"address \"{address}\"", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("checksum", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Ledger_inspect_of_an_unknown_name_says_which_system_accounts_exist()
    {
        using var server = new FakeRpcServer();

        var run = await ContractCli.RunAsync("node", "ledger", "inspect", "--account", "treasury_account_id", "--rpc", server.Url);

        ContractCli.AssertFails(run, 2, "invalid_address");
        Assert.Contains("treasury", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
