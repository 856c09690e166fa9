using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// A healthy devnet with its simulator, timed ten times faster than mainnet (250 ms blocks, 48-block epochs), and a
/// real Prometheus with the configuration the devnet wrote for itself: once warmed up, no alert is pending or firing
/// while it is watched (45 s, seven and a half minutes of the rules' own time). Warmed up means every role is scraped, a
/// disbursement has been finalized, energy settled and every market emitted, and what a fresh Prometheus raises has
/// gone: a counter it has only just begun to see shows no increase (TreasuryNoProgress pends after the first
/// finalization until the next), as after any Prometheus restart. That must pass within the longest alert window
/// (TreasuryNoProgress's 10 minutes plus 10 of <c>for</c>, 2 minutes here), or the test fails naming the alert.
/// </summary>
public sealed class HealthyDevnetAlertTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan LongestAlertWindow = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task No_alert_is_pending_or_firing_on_a_healthy_devnet_after_warm_up()
    {
        await using var devnet = await DevnetProcess.StartAsync("--block-interval-ms", "250", "--epoch-length", "48");
        var written = Path.Combine(devnet.DataDir, "prometheus", "prometheus.yml");
        var check = await PrometheusRulesTests.PromtoolAsync("check", "config", written);
        Assert.True(check.ExitCode == 0, $"the devnet's own configuration and its scale-10 rules do not load: {check}");
        Assert.Contains("alert time scale 10", await File.ReadAllTextAsync(written), StringComparison.Ordinal);
        var port = FreePort.Next();
        using var prometheus = PrometheusEndToEndTests.StartPrometheus(await PrometheusEndToEndTests.WriteConfigAsync(devnet), port);
        var url = $"http://127.0.0.1:{port}";
        try
        {
            await Wait.UntilAsync(async () => await PrometheusEndToEndTests.QueryAsync(url, "count(up == 1) == 3") == "3", WarmUp, "Prometheus to scrape the node, the oracle and the emitter", devnet.Diagnostics);
            var scraped = System.Diagnostics.Stopwatch.StartNew();
            foreach (var (query, what) in new[]
            {
                ("sum(governance_disbursements_total{status=\"finalized\"}) > 0", "a finalized disbursement"),
                ("sum(energy_settlements_total) > 0", "a settled energy credit"),
                ("count(receipt_emitted_total > 0) == 4", "receipts in blocks for every market"),
            })
            {
                await Wait.UntilAsync(async () => await PrometheusEndToEndTests.QueryAsync(url, query) is { Length: > 0 } answer && answer != "no data", WarmUp, what, devnet.Diagnostics);
            }

            var startup = new List<string>();
            await Wait.UntilAsync(
                async () => (startup = await PrometheusAlerts.ActiveAsync(url)).Count == 0,
                TimeSpan.FromTicks(Math.Max(LongestAlertWindow.Ticks - scraped.Elapsed.Ticks, TimeSpan.FromSeconds(5).Ticks)),
                "the alerts of a freshly started Prometheus to resolve",
                () => $"still active {scraped.Elapsed.TotalSeconds:0} s after the first scrape: {string.Join("; ", startup)}");

            var seen = new SortedSet<string>(StringComparer.Ordinal);
            var watching = System.Diagnostics.Stopwatch.StartNew();
            var checks = 0;
            while (watching.Elapsed < Watched)
            {
                foreach (var alert in await PrometheusAlerts.ActiveAsync(url))
                {
                    seen.Add(alert);
                }

                checks++;
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            output.WriteLine($"{checks} checks over {Watched.TotalSeconds} s at height {await devnet.HeightAsync()}");
            Assert.True(seen.Count == 0, $"alerts active on a healthy devnet: {string.Join("; ", seen)}");
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }
}
