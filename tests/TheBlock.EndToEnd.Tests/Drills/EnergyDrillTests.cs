using System.Text.Json;
using TheBlock.EndToEnd.Tests.Energy;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// The energy drills that go beyond bad signatures, on the shared drill devnet (fault injection allowed, 12 s fault
/// delay): each makes its runbook symptom appear in a role's /metrics (and log), and <c>--recover</c> ends it.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class EnergyDrillTests(DrillDevnetFixture fixture)
{
    private const string SkewRefusals = """energy_reading_rejections_total{reason="timestamp_skew"}""";
    private const string ActiveDisputes = "energy_active_disputes_total";
    private const string DrillProvider = "provider_drill";

    /// <summary>A window long enough for several simulator posts and blocks at 250 ms.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Held_reading_batches_push_oracle_latency_past_10_s_until_recover_switches_the_hold_off()
    {
        await fixture.WaitAsync(async () => (await OracleLatencyAsync()).Count > 0, "simulated readings to reach blocks through the oracle");
        var before = await OracleLatencyAsync();

        var report = await fixture.DrillAsync("oracle-latency");

        Assert.Contains("readings_submit_delay", Did(report), StringComparison.Ordinal);
        Assert.Contains(Watch(report), w => w.Contains("OracleLatencyHigh", StringComparison.Ordinal) && w.Contains("oracle_latency_seconds_p95 > 10", StringComparison.Ordinal));
        // Every reading now waits at least one 12 s hold: readings slower than 10 s pile up in the top buckets.
        await fixture.WaitAsync(async () => AboveTenSeconds(await OracleLatencyAsync() - before) >= 5, "readings slower than 10 s in oracle_latency_seconds");
        var held = await OracleLatencyAsync() - before;
        Assert.True(held.Quantile(0.95) > 10, $"p95 since the drill is {held.Quantile(0.95):0.0} s, not above 10 s");

        var recovered = await fixture.DrillAsync("oracle-latency", "--recover");

        Assert.True(recovered.GetProperty("recover").GetBoolean());
        // Batches held when the switch went off finish their delay; after that readings flow fast and none is slow.
        await fixture.WaitAsync(
            async () =>
            {
                var start = await OracleLatencyAsync();
                await Task.Delay(Quiet);
                var since = await OracleLatencyAsync() - start;
                return since.Count > 0 && AboveTenSeconds(since) == 0 && since.Quantile(0.95) < 5;
            },
            "oracle latency to fall back below 5 s with readings flowing");
    }

    [Fact]
    public async Task Skewed_readings_are_refused_for_timestamp_skew_while_the_drill_runs_and_stop_with_it()
    {
        var devnet = fixture.Devnet;
        var before = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SkewRefusals);

        var report = await fixture.DrillAsync("clock-skew", "--duration", "3", "--oracle", devnet.OracleUrl);

        var during = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SkewRefusals);
        Assert.True(during - before >= 15, $"{SkewRefusals} rose from {before} to {during}; the drill reported {report}");
        Assert.Contains("timestamp_skew", Did(report), StringComparison.Ordinal);
        Assert.Contains(Watch(report), w => w.Contains("energy_reading_rejections_total{reason=\"timestamp_skew\"}", StringComparison.Ordinal));
        Assert.Contains(Watch(report), w => w.StartsWith("alert: none", StringComparison.Ordinal));
        var drillLines = 0;
        await fixture.WaitAsync(
            async () =>
            {
                var seen = SkewLines();
                await Task.Delay(TimeSpan.FromSeconds(1));
                drillLines = SkewLines();
                return drillLines >= 15 && drillLines == seen;
            },
            "the drill's TimestampSkew lines in oracle.log");

        var recovered = await fixture.DrillAsync("clock-skew", "--recover");

        Assert.True(recovered.GetProperty("recover").GetBoolean());
        var settled = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SkewRefusals);
        await Task.Delay(Quiet);
        var later = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SkewRefusals);
        // The simulator still skews a reading now and then (one tick in 45); the drill's five a second are gone.
        Assert.True(later - settled <= 3, $"{SkewRefusals} still climbs after the drill: {settled} → {later} in {Quiet.TotalSeconds} s");
        Assert.Equal(drillLines, SkewLines());
    }

    [Fact]
    public async Task Disputes_of_real_credits_raise_the_backlog_past_20_until_recover_resolves_them()
    {
        var devnet = fixture.Devnet;

        var report = await fixture.DrillAsync("disputes-backlog", "--oracle", devnet.OracleUrl);

        Assert.Contains(Watch(report), w => w.Contains("EnergyDisputeBacklogHigh", StringComparison.Ordinal) && w.Contains("energy_active_disputes_total > 20", StringComparison.Ordinal));
        Assert.True(await OpenDrillDisputesAsync() >= 25, $"the drill left fewer than 25 disputes open: {report}");
        await fixture.WaitAsync(async () => DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), ActiveDisputes) > 20, $"{ActiveDisputes} above 20");
        var credits = await devnet.CliJson("energy", "credits", "list", "--provider", DrillProvider, "--status", "disputed");
        Assert.True(credits.GetProperty("credits").GetArrayLength() >= 25, $"fewer than 25 disputed credits of {DrillProvider}: {credits}");

        var recovered = await fixture.DrillAsync("disputes-backlog", "--recover");

        Assert.Contains("resolved the drill's", Did(recovered), StringComparison.Ordinal);
        Assert.Equal(0, await OpenDrillDisputesAsync());
        await fixture.WaitAsync(async () => DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), ActiveDisputes) < 20, $"{ActiveDisputes} back under 20");
    }

    private async Task<LatencyHistogram> OracleLatencyAsync() => LatencyHistogram.Parse(await fixture.OracleScrapeAsync(), "oracle_latency_seconds");

    private async Task<int> OpenDrillDisputesAsync()
    {
        var open = await fixture.Devnet.CliJson("energy", "disputes", "list", "--status", "open", "--limit", "1000");
        return open.GetProperty("disputes").EnumerateArray().Count(d => d.GetProperty("provider_id").GetString() == DrillProvider);
    }

    private int SkewLines() => DrillDevnetFixture.CountLines(fixture.OracleLog, "TimestampSkew", "reason=timestamp_skew", $"provider={DrillProvider}");

    private static double AboveTenSeconds(LatencyHistogram histogram) => histogram.Count - histogram.Buckets.First(b => b.UpperBound == 10).Count;

    private static string Did(JsonElement report) => string.Join('\n', report.GetProperty("did").EnumerateArray().Select(line => line.GetString()));

    private static List<string> Watch(JsonElement report) => [.. report.GetProperty("watch").EnumerateArray().Select(line => line.GetString()!)];
}
