using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData("node status")]
    [InlineData("node consensus")]
    [InlineData("node ledger inspect")]
    [InlineData("keys generate")]
    [InlineData("keys address")]
    [InlineData("tx transfer")]
    [InlineData("tx status")]
    [InlineData("block show")]
    public async Task Every_command_has_help_with_an_example_of_itself(string path)
    {
        var run = await ContractCli.RunAsync([.. path.Split(' '), "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("Example:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"contract-cli {path}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_wins_over_missing_required_options()
    {
        var run = await ContractCli.RunAsync("tx", "transfer", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--amount", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_the_command_groups()
    {
        var run = await ContractCli.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var group in new[] { "node", "keys", "tx", "block" })
        {
            Assert.Contains(group, run.Stdout, StringComparison.Ordinal);
        }
    }
}
