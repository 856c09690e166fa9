using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// What a newcomer copies: the devnet banner's "Try" commands and the README's energy blocks, run as printed in bash
/// against a devnet with its simulated market.
/// </summary>
public sealed class ReadmeEnergyTests
{
    [Fact]
    public async Task The_banners_try_commands_and_the_readmes_energy_blocks_work_as_printed()
    {
        await using var devnet = await DevnetProcess.StartAsync();
        await Wait.UntilAsync(
            async () => (await devnet.CliJson("energy", "market")).GetProperty("providers").GetArrayLength() == 3,
            TimeSpan.FromSeconds(60),
            "the simulator's three providers",
            devnet.Diagnostics);

        var banner = devnet.Output.Split('\n');
        var tries = banner.SkipWhile(line => !line.StartsWith("Try", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
        Assert.Contains(tries, line => line.StartsWith("contract-cli energy market", StringComparison.Ordinal));
        foreach (var line in tries)
        {
            var result = await RunbookShell.RunAsync(devnet, line);
            Assert.True(result.ExitCode == 0 && result.Stdout.Trim().Length > 0 && !result.Stdout.Contains("null\n", StringComparison.Ordinal) || line.Contains("credits list", StringComparison.Ordinal),
                $"banner line failed: {line}\n{result}");
        }

        var readme = await File.ReadAllTextAsync(Path.Combine(Executables.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("The energy market (runbook", StringComparison.Ordinal)..];
        var blocks = section.Split("```bash").Skip(1).Take(2).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)]).ToList();

        var market = await RunbookShell.RunAsync(devnet, $"cd '{devnet.Root}' && set -e -o pipefail\n{blocks[0]}");
        Assert.True(market.ExitCode == 0, market.ToString());
        Assert.Contains("provider_dev_001", market.Stdout, StringComparison.Ordinal);

        var ownProvider = await RunbookShell.RunAsync(devnet, $"cd '{devnet.Root}' && set -e -o pipefail\n{blocks[1]}");
        Assert.True(ownProvider.ExitCode == 0, ownProvider.ToString());
        Assert.Contains("\"amount_kwh\": 250", ownProvider.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"settled\"", ownProvider.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"payment\": 750", ownProvider.Stdout, StringComparison.Ordinal);
    }
}
