using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Receipts;

public sealed class ReceiptsHelpTests
{
    [Theory]
    [InlineData("market provider register")]
    [InlineData("market providers list")]
    [InlineData("market agreement open")]
    [InlineData("market agreement top-up")]
    [InlineData("market agreement close")]
    [InlineData("market agreement show")]
    [InlineData("receipts sign")]
    [InlineData("receipts stats")]
    [InlineData("receipts list")]
    [InlineData("receipts show")]
    [InlineData("receipts validate")]
    [InlineData("receipts reset-validation-state")]
    public async Task Every_market_and_receipts_command_has_help_with_an_example_of_itself(string path)
    {
        var run = await ContractCli.RunAsync([.. path.Split(' '), "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("Example:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"contract-cli {path}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_the_market_and_receipts_groups()
    {
        var run = await ContractCli.RunAsync("--help");

        Assert.Contains("market", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("receipts", run.Stdout, StringComparison.Ordinal);
    }
}
