using System.Globalization;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// The contract-cli commands of the runbook's "Receipts Flatlining" section, run verbatim in bash against a devnet
/// whose four markets are emitting, answer with what the runbook reads.
/// </summary>
[Collection(ReceiptsRunbookCollection.Name)]
public sealed class ReceiptsRunbookTests(ReceiptsRunbookFixture fixture)
{
    private static readonly string[] ValidationReasons = ["schema_mismatch", "duplicate_detection", "signature_invalid", "agreement_invalid", "insufficient_funds"];

    private Task<ProcessResult> Run(string script) => RunbookShell.RunAsync(fixture.Devnet, ReceiptsRunbook.ForDevnet(script, fixture.Devnet));

    [Fact]
    public async Task Step_3_prints_each_markets_stats_and_its_receipts_log_lines()
    {
        var result = await Run(ReceiptsRunbook.Step3PerMarketDiagnostics);

        Assert.True(result.ExitCode == 0, result.ToString());
        var sections = ReceiptsRunbookFixture.Sections(result.Stdout);
        foreach (var market in ReceiptsRunbookFixture.Markets)
        {
            var lines = sections[$"{char.ToUpperInvariant(market[0])}{market[1..]} market"];
            var end = lines.IndexOf("}");
            Assert.True(end > 0, $"no stats JSON in the {market} section:\n{result}");
            var stats = Assert.Single(ReceiptsRunbookFixture.JsonDocuments(string.Join('\n', lines.Take(end + 1))));
            Assert.Equal(market, stats.GetProperty("market").GetString());
            Assert.True(stats.GetProperty("emitted_total").GetUInt64() > 0, $"{market} has emitted nothing:\n{stats}");
            var logLines = lines.Skip(end + 1).Where(line => line.Length > 0).ToList();
            Assert.InRange(logLines.Count, 1, 20);
            Assert.Contains(logLines, line => line.Contains($"ReceiptsEmitted market={market} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Step_4_prints_the_height_and_a_healthy_consensus()
    {
        var result = await Run(ReceiptsRunbook.Step4BlockProgression);

        Assert.True(result.ExitCode == 0, result.ToString());
        var sections = ReceiptsRunbookFixture.Sections(result.Stdout);
        var height = ulong.Parse(sections["Current block"].First(line => line.Length > 0), CultureInfo.InvariantCulture);
        Assert.True(height >= ReceiptsRunbookFixture.PastRunbookWindow, result.Stdout);
        var consensus = Assert.Single(ReceiptsRunbookFixture.JsonDocuments(string.Join('\n', sections["Consensus status"])));
        Assert.True(consensus.GetProperty("healthy").GetBoolean(), consensus.ToString());
        Assert.True(consensus.GetProperty("current_block_height").GetUInt64() >= height, consensus.ToString());
    }

    [Fact]
    public async Task Validation_errors_resolution_clears_the_devnets_emitter_and_finds_none_invalid_in_the_last_100_blocks()
    {
        var result = await Run(ReceiptsRunbook.ValidationErrorsResolution);

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = ReceiptsRunbookFixture.JsonDocuments(result.Stdout);
        Assert.Equal(2, documents.Count);
        var emitter = Assert.Single(documents[0].GetProperty("emitters").EnumerateArray());
        Assert.StartsWith(fixture.Devnet.EmitterUrl + "/", emitter.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("cleared", emitter.GetProperty("status").GetString());
        Assert.True(emitter.GetProperty("cleared").GetProperty("last_checked_height").GetUInt64() > 0, emitter.ToString());

        var validation = documents[1];
        Assert.Empty(validation.GetProperty("invalid").EnumerateArray());
        Assert.True(validation.GetProperty("receipts").GetUInt64() > 0, validation.ToString());
        Assert.Equal(validation.GetProperty("receipts").GetUInt64(), validation.GetProperty("valid").GetUInt64());
        var from = validation.GetProperty("from_block").GetUInt64();
        var to = validation.GetProperty("to_block").GetUInt64();
        Assert.True(from > 0 && to - from >= 100, validation.ToString());
    }

    [Fact]
    public async Task Validation_errors_resolution_on_a_chain_shorter_than_100_blocks_says_to_start_at_genesis()
    {
        await using var young = await DevnetProcess.StartAsync("--no-simulator", "--block-interval-ms", "60000");
        using (var http = new HttpClient())
        {
            // The node asks only the emitters that synced with it to reset.
            await Wait.UntilAsync(
                async () => (await http.GetStringAsync(young.EmitterUrl + "/health")).Contains("\"status\":\"ok\"", StringComparison.Ordinal) ? "synced" : null,
                TimeSpan.FromSeconds(30),
                "the devnet's emitter to sync",
                young.Diagnostics);
        }

        var result = await RunbookShell.RunAsync(young, ReceiptsRunbook.ValidationErrorsResolution);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("cleared", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("emitters")[0].GetProperty("status").GetString());
        var error = JsonDocument.Parse(result.Stderr).RootElement.GetProperty("error");
        Assert.Equal("invalid_block_range", error.GetProperty("reason").GetString());
        Assert.Contains("is below 0", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("pass --from-block 0", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        var fromGenesis = await RunbookShell.RunAsync(young, "contract-cli receipts validate --from-block 0");
        Assert.True(fromGenesis.ExitCode == 0, fromGenesis.ToString());
        Assert.Empty(JsonDocument.Parse(fromGenesis.Stdout).RootElement.GetProperty("invalid").EnumerateArray());
    }

    [Fact]
    public async Task The_stalled_markets_watch_command_shows_the_fields_of_the_spec()
    {
        var result = await Run(ReceiptsRunbook.StalledMarketsMonitor);

        Assert.True(result.ExitCode == 0, result.ToString());
        var stats = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("storage", stats.GetProperty("market").GetString());
        Assert.True(stats.GetProperty("emitted_total").GetUInt64() > 0, stats.ToString());
        Assert.True(stats.GetProperty("last_emitted_height").GetUInt64() > 0, stats.ToString());
        Assert.True(stats.GetProperty("last_emitted_at").GetUInt64() > 1_600_000_000, stats.ToString());
        foreach (var counter in new[] { "emitted_last_10_blocks", "pending", "active_providers" })
        {
            Assert.Equal(JsonValueKind.Number, stats.GetProperty(counter).ValueKind);
        }

        Assert.True(stats.GetProperty("active_providers").GetUInt64() >= 1, stats.ToString());
        var errors = stats.GetProperty("validation_errors");
        Assert.Equal(ValidationReasons, errors.EnumerateObject().Select(reason => reason.Name));
        Assert.All(errors.EnumerateObject(), reason => Assert.Equal(JsonValueKind.Number, reason.Value.ValueKind));
    }
}
