using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests;

public sealed class TableOutputTests
{
    [Fact]
    public async Task Table_output_shows_the_fields_and_values_of_an_object()
    {
        using var server = new FakeRpcServer().Reply("node.status", Samples.NodeStatus);

        var run = await ContractCli.RunAsync("node", "status", "--output", "table", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("chain_id", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(Samples.ChainId, run.Stdout, StringComparison.Ordinal);
        Assert.Contains(Samples.Hash, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[\"node\"]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_output_gives_a_list_of_objects_a_column_per_key()
    {
        const string List = """
            {"disbursements":[{"id":1,"amount_ct":500,"status":"queued"},{"id":2,"amount_ct":700,"status":"[red]executed"}],
             "total":2,"next_cursor":null}
            """;
        using var server = new FakeRpcServer().Reply("block.show", List);

        var run = await ContractCli.RunAsync("block", "show", "--height", "1", "--output", "table", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var header = run.Stdout.Split('\n').Single(line => line.Contains("amount_ct", StringComparison.Ordinal));
        Assert.Contains("id", header, StringComparison.Ordinal);
        Assert.Contains("status", header, StringComparison.Ordinal);
        Assert.Contains("700", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[red]executed", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("next_cursor", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Stdout);
    }

    [Fact]
    public async Task Json_stays_the_default_output()
    {
        using var server = new FakeRpcServer().Reply("node.status", Samples.NodeStatus);

        var run = await ContractCli.RunAsync("node", "status", "--rpc", server.Url);

        Assert.Equal(Samples.ChainId, run.Json.GetProperty("chain_id").GetString());
    }

    [Fact]
    public async Task Errors_stay_json_with_table_output()
    {
        var run = await ContractCli.RunAsync("node", "status", "--output", "table", "--rpc", FakeRpcServer.ClosedUrl());

        ContractCli.AssertFails(run, 3, "unreachable");
    }
}
