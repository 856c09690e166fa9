using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// What a newcomer copies: the devnet banner's receipts "Try" commands and the README's receipts blocks, run as printed
/// in bash against a devnet whose four markets are emitting (the runbook tests' devnet: the provider and agreement
/// the README makes change nothing those tests read).
/// </summary>
[Collection(ReceiptsRunbookCollection.Name)]
public sealed class ReadmeReceiptsTests(ReceiptsRunbookFixture fixture)
{
    [Fact]
    public async Task The_banners_receipts_try_commands_and_the_readmes_receipts_blocks_work_as_printed()
    {
        var devnet = fixture.Devnet;
        var tries = devnet.Output.Split('\n').Select(line => line.Trim())
            .Where(line => line.StartsWith("contract-cli receipts ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, tries.Count);
        foreach (var line in tries)
        {
            var result = await RunbookShell.RunAsync(devnet, $"set -o pipefail\n{line}");
            Assert.True(result.ExitCode == 0 && result.Stdout.Trim().Length > 0 && !result.Stdout.Contains("null", StringComparison.Ordinal),
                $"banner line failed: {line}\n{result}");
        }

        var readme = await File.ReadAllTextAsync(Path.Combine(Executables.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("Receipts of the storage, compute, energy and ad markets", StringComparison.Ordinal)..];
        var blocks = section.Split("```bash").Skip(1).Take(2).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)]).ToList();

        var reads = await RunbookShell.RunAsync(devnet, $"cd '{devnet.Root}' && set -e -o pipefail\n{blocks[0]}");
        Assert.True(reads.ExitCode == 0, reads.ToString());
        Assert.Contains("\"emitted_last_10_blocks\"", reads.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"invalid\": []", reads.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"cleared\"", reads.Stdout, StringComparison.Ordinal);

        var ownProvider = await RunbookShell.RunAsync(devnet, $"cd '{devnet.Root}' && set -e -o pipefail\n{blocks[1]}");
        Assert.True(ownProvider.ExitCode == 0, ownProvider.ToString());
        Assert.Contains("\"paid\": 8", ownProvider.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"receipts\": 1", ownProvider.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("49992", ownProvider.Stdout.Trim(), StringComparison.Ordinal);
    }
}
