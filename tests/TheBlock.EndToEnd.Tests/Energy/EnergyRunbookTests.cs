using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// Every contract-cli command of the runbook's "Energy Stalled" section, run verbatim in bash against a devnet in the
/// state it diagnoses, answers with the fields the runbook reads.
/// </summary>
public sealed class EnergyRunbookTests(EnergyRunbookFixture fixture) : IClassFixture<EnergyRunbookFixture>
{
    private Task<ProcessResult> Run(string script) => RunbookShell.RunAsync(fixture.Devnet, EnergyRunbook.ForDevnet(script, fixture.Devnet));

    [Fact]
    public async Task Step_2_finds_the_forged_reading_as_SignatureInvalid()
    {
        var result = await Run(EnergyRunbook.Step2RecentVerificationFailures);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("SignatureInvalid reason=verification_failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_3_sums_the_pending_credits_and_groups_them_by_provider()
    {
        var result = await Run(EnergyRunbook.Step3MeterReadingAccumulation);

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = JsonDocuments(result.Stdout);
        Assert.Equal(300UL, documents[0].GetProperty("total_kwh").GetUInt64());
        Assert.Equal(3, documents[0].GetProperty("count").GetInt32());
        var byProvider = documents[1].EnumerateArray().ToList();
        Assert.Equal([EnergyRunbookFixture.Healthy], byProvider.Select(p => p.GetProperty("provider").GetString()));
        Assert.Equal(300UL, byProvider[0].GetProperty("total_kwh").GetUInt64());
    }

    [Fact]
    public async Task Step_4_counts_the_skew_lines_and_prints_each_providers_last_settlement()
    {
        var result = await Run(EnergyRunbook.Step4TimestampIssues);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture) >= 1, result.Stdout);
        Assert.Contains($"{EnergyRunbookFixture.Healthy}: null", lines);
        Assert.Contains($"{EnergyRunbookFixture.Flaky}: null", lines);
    }

    [Fact]
    public async Task Step_5_lists_the_suspended_provider_and_its_poor_reputation()
    {
        var result = await Run(EnergyRunbook.Step5ProviderStatus);

        Assert.True(result.ExitCode == 0, result.ToString());
        var documents = JsonDocuments(result.Stdout);
        var inactive = Assert.Single(documents, d => d.TryGetProperty("status", out _));
        Assert.Equal(EnergyRunbookFixture.Flaky, inactive.GetProperty("provider_id").GetString());
        Assert.Equal("suspended", inactive.GetProperty("status").GetString());
        Assert.True(inactive.GetProperty("reputation_score").GetDouble() < 0.5);
        var poor = Assert.Single(documents, d => d.TryGetProperty("score", out _));
        Assert.Equal(EnergyRunbookFixture.Flaky, poor.GetProperty("provider_id").GetString());
        Assert.True(poor.GetProperty("score").GetDouble() < 0.5);
    }

    [Fact]
    public async Task Path_A_finds_the_oracles_queue_lines()
    {
        await Wait.UntilAsync(
            () => DevnetProcess.ReadShared(Path.Combine(fixture.Devnet.DataDir, "logs", "oracle.log")).Contains("queue_depth=", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the oracle's first stats line");

        var result = await Run(EnergyRunbook.PathAQueueDepth);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pending_verifications=", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("queue_depth=", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_B_shows_the_oracle_tier_and_each_providers_public_key()
    {
        var result = await Run(EnergyRunbook.PathBProviderKeys);

        Assert.True(result.ExitCode == 0, result.ToString());
        var key = $"\"{Convert.ToBase64String(fixture.Driver.MeterKey.PublicKey)}\"";
        Assert.Contains($"{EnergyRunbookFixture.Healthy}: {key}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{EnergyRunbookFixture.Flaky}: {key}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"healthy\": true", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_D_lists_the_upheld_disputes_and_shows_each_with_its_credit_and_evidence()
    {
        var result = await Run(EnergyRunbook.PathDReputation);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, result.Stdout.Split('\n').Count(line => line.StartsWith("Dispute ", StringComparison.Ordinal)));
        Assert.Contains("\"outcome\": \"upheld\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"evidence\"", result.Stdout, StringComparison.Ordinal);
        var metrics = await fixture.Driver.MetricsAsync(fixture.Devnet.MetricsUrl);
        Assert.Equal(3, EnergyDriver.Sample(metrics, $"energy_slashing_total{{provider=\"{EnergyRunbookFixture.Flaky}\",reason=\"dispute_upheld\"}}"));
    }

    [Fact]
    public async Task A_reading_of_the_suspended_provider_is_refused_as_provider_inactive_once_the_oracle_has_synced()
    {
        await Wait.UntilAsync(
            async () =>
            {
                var reading = fixture.Driver.Reading(EnergyRunbookFixture.Flaky, "meter_001", 9_999_999);
                var (status, answer) = await fixture.Driver.PostAsync(fixture.Devnet.OracleUrl, EnergyDriver.Json(reading));
                return status == 422 && answer.GetProperty("reason").GetString() == Protocol.Energy.EnergyReasons.ProviderInactive;
            },
            EnergyDriver.Timeout,
            "the oracle to refuse the suspended provider's reading as provider_inactive");
    }

    /// <summary>The JSON documents jq printed one after another, skipping the echo lines between them.</summary>
    private static List<JsonElement> JsonDocuments(string output)
    {
        var documents = new List<JsonElement>();
        var text = string.Join('\n', output.Split('\n').Where(line => !line.StartsWith("===", StringComparison.Ordinal)));
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.Clone());
        }

        return documents;
    }
}
