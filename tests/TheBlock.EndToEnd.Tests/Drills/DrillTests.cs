using System.Text.Json;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// <c>contract-cli dev drill</c> on a running devnet: each scenario makes its runbook symptom appear in the role's
/// /metrics and log and its alert fire in the devnet's Prometheus (and reach Alertmanager's page or ticket webhook), and
/// <c>--recover</c> makes the symptom stop and the alert clear.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class DrillTests(DrillDevnetFixture fixture)
{
    private const string SignatureFailures = """energy_signature_verification_failures_total{reason="verification_failed"}""";
    private const string ForgedReceipts = """receipt_validation_errors_total{reason="signature_invalid"}""";
    private const string InsufficientFunds = """treasury_execution_errors_total{reason="insufficient_funds"}""";
    private const string SignatureAlert = "EnergySignatureFailuresHigh";
    private const string ExecutorAlert = "TreasuryExecutorFailing";
    private const string FlatlineAlert = "ReceiptsMarketFlatline";
    private static readonly string[] SilencedMarkets = ["storage", "compute", "ad"];
    private static readonly string[] Markets = ["energy", .. SilencedMarkets];

    /// <summary>A window long enough for several executor ticks and simulator posts at 250 ms blocks.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Bad_signatures_climb_in_the_oracle_while_the_drill_runs_and_stop_with_it()
    {
        var devnet = fixture.Devnet;
        await fixture.WaitAsync(
            async () => (await devnet.CliJson("energy", "market")).GetProperty("providers").EnumerateArray().Any(p => p.GetProperty("status").GetString() == "active"),
            "an active energy provider");
        await fixture.WaitClearedAsync(SignatureAlert);
        var before = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SignatureFailures);

        var drill = fixture.DrillAsync("bad-signatures", "--duration", "12", "--oracle", devnet.OracleUrl);
        await fixture.WaitFiringAsync(SignatureAlert);
        await fixture.WaitNotifiedAsync("/ticket", SignatureAlert);
        var report = await drill;

        var during = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SignatureFailures);
        Assert.True(during - before >= 15, $"{SignatureFailures} rose from {before} to {during}; the drill reported {report}");
        Assert.Contains("verification_failed", Did(report), StringComparison.Ordinal);
        Assert.Contains(Watch(report), w => w.Contains("energy_signature_verification_failures_total", StringComparison.Ordinal));
        // The log is written behind the answers: wait until it holds the drill's lines and no more arrive.
        var drillLines = 0;
        await fixture.WaitAsync(
            async () =>
            {
                var seen = DrillLines();
                await Task.Delay(TimeSpan.FromSeconds(1));
                drillLines = DrillLines();
                return drillLines >= 15 && drillLines == seen;
            },
            "the drill's SignatureInvalid lines in oracle.log");

        var recovered = await fixture.DrillAsync("bad-signatures", "--recover");

        Assert.True(recovered.GetProperty("recover").GetBoolean());
        var settled = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SignatureFailures);
        await Task.Delay(Quiet);
        var later = DrillDevnetFixture.Metric(await fixture.OracleScrapeAsync(), SignatureFailures);
        // The simulator still sends a bad reading now and then (one tick in 30); the drill's five a second are gone.
        Assert.True(later - settled <= 3, $"{SignatureFailures} still climbs after the drill: {settled} → {later} in {Quiet.TotalSeconds} s");
        Assert.Equal(drillLines, DrillLines());
        await fixture.WaitClearedAsync(SignatureAlert);
    }

    [Fact]
    public async Task An_unpayable_disbursement_fails_the_executor_every_tick_until_recover_rolls_it_back()
    {
        var devnet = fixture.Devnet;
        await fixture.WaitClearedAsync(ExecutorAlert);
        var before = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), InsufficientFunds);

        var report = await fixture.DrillAsync("treasury-insufficient-funds");

        Assert.Contains("insufficient_funds", Did(report), StringComparison.Ordinal);
        var first = 0d;
        await fixture.WaitAsync(async () => (first = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), InsufficientFunds)) > before, $"{InsufficientFunds} to rise");
        await fixture.WaitAsync(async () => DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), InsufficientFunds) > first, $"{InsufficientFunds} to keep rising, a tick at a time");
        var executor = (await devnet.CliJson("gov", "treasury", "balance")).GetProperty("executor");
        Assert.Equal("insufficient_funds", executor.GetProperty("last_error").GetString());
        await fixture.WaitFiringAsync(ExecutorAlert);
        await fixture.WaitNotifiedAsync("/page", ExecutorAlert);

        var recovered = await fixture.DrillAsync("treasury-insufficient-funds", "--recover");

        Assert.Contains("rolled back disbursement", Did(recovered), StringComparison.Ordinal);
        await fixture.WaitAsync(
            async () => (await devnet.CliJson("gov", "treasury", "balance")).GetProperty("executor").GetProperty("last_error").ValueKind == JsonValueKind.Null,
            "the executor's last_error to clear");
        var settled = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), InsufficientFunds);
        await Task.Delay(Quiet);
        Assert.Equal(settled, DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), InsufficientFunds));
        var open = await devnet.CliJson("gov", "treasury", "list", "--status", "queued");
        Assert.DoesNotContain(open.GetProperty("disbursements").EnumerateArray(), d => d.GetProperty("title").GetString()!.StartsWith("drill:", StringComparison.Ordinal));
        await fixture.WaitClearedAsync(ExecutorAlert);
    }

    [Fact]
    public async Task Storage_compute_and_ad_go_flat_while_blocks_go_on_until_recover_restarts_them()
    {
        var devnet = fixture.Devnet;
        await fixture.WaitAsync(async () => SilencedMarkets.All(Emitting(await fixture.NodeScrapeAsync()).ContainsKey), "storage, compute and ad receipts in blocks");

        await fixture.WaitClearedAsync(FlatlineAlert);
        var energyBefore = Emitted(await fixture.NodeScrapeAsync())["energy"];

        var report = await fixture.DrillAsync("market-flatline");

        Assert.Contains("increase(receipt_emitted_total[10m]) == 0", Watch(report));
        await fixture.WaitAsync(() => Task.FromResult(DrillDevnetFixture.CountLines(fixture.ReceiptsLog, "ReceiptsTrafficSwitched active=false") == 1), "ReceiptsTrafficSwitched active=false in receipts.log");
        // Flat: once the emitter has forwarded what it held, two scrapes a quiet window apart agree for all three markets.
        Dictionary<string, double> flat = [];
        await fixture.WaitAsync(
            async () =>
            {
                var start = Emitted(await fixture.NodeScrapeAsync());
                await Task.Delay(Quiet);
                flat = Emitted(await fixture.NodeScrapeAsync());
                return SilencedMarkets.All(m => start[m] == flat[m]);
            },
            "storage, compute and ad to stop emitting");
        var height = await devnet.HeightAsync();
        await Task.Delay(Quiet);
        Assert.True(await devnet.HeightAsync() > height, "blocks stopped too");
        var stillFlat = Emitted(await fixture.NodeScrapeAsync());
        Assert.All(SilencedMarkets, m => Assert.Equal(flat[m], stillFlat[m]));
        Assert.True(stillFlat["energy"] > energyBefore, $"energy went flat too: receipt_emitted_total{{market=\"energy\"}} stayed at {energyBefore}");
        await fixture.WaitFiringAsync(FlatlineAlert, SilencedMarkets);
        Assert.DoesNotContain(await fixture.ActiveAlertsAsync(), alert => alert.StartsWith(FlatlineAlert, StringComparison.Ordinal) && alert.Contains("market=energy,", StringComparison.Ordinal));

        await fixture.DrillAsync("market-flatline", "--recover");

        await fixture.WaitAsync(() => Task.FromResult(DrillDevnetFixture.CountLines(fixture.ReceiptsLog, "ReceiptsTrafficSwitched active=true") == 1), "ReceiptsTrafficSwitched active=true in receipts.log");
        await fixture.WaitAsync(
            async () =>
            {
                var now = Emitted(await fixture.NodeScrapeAsync());
                return SilencedMarkets.All(m => now[m] > flat[m]);
            },
            "storage, compute and ad to emit again");
        await fixture.WaitClearedAsync(FlatlineAlert);
    }

    [Fact]
    public async Task Badly_signed_receipts_sink_validation_success_below_the_alert_until_recover_stops_them()
    {
        await fixture.WaitAsync(async () => SilencedMarkets.All(Emitting(await fixture.NodeScrapeAsync()).ContainsKey), "storage, compute and ad receipts in blocks");
        var refusedBefore = DrillDevnetFixture.Metric(await fixture.EmitterScrapeAsync(), ForgedReceipts);
        var emittedBefore = ServiceEmitted(await fixture.NodeScrapeAsync());

        var report = await fixture.DrillAsync("receipt-validation-errors");

        Assert.Contains("signature_invalid", Did(report), StringComparison.Ordinal);
        Assert.Contains(Watch(report), w => w.Contains("ReceiptsValidationSuccessLow", StringComparison.Ordinal) && w.Contains("receipt_validation_success:ratio5m < 0.97", StringComparison.Ordinal));
        await fixture.WaitAsync(() => Task.FromResult(DrillDevnetFixture.CountLines(fixture.ReceiptsLog, "ReceiptsBadSignaturesSwitched active=true") == 1), "ReceiptsBadSignaturesSwitched active=true in receipts.log");
        await Task.Delay(Quiet);
        var refused = DrillDevnetFixture.Metric(await fixture.EmitterScrapeAsync(), ForgedReceipts) - refusedBefore;
        var emitted = ServiceEmitted(await fixture.NodeScrapeAsync()) - emittedBefore;
        // The alert's ratio over this window: about one refusal for every good receipt, far below 97 %.
        var success = emitted / (emitted + refused);
        Assert.True(refused >= 10 && emitted > 0 && success < 0.8, $"{refused} receipts refused as signature_invalid against {emitted} emitted (success {success:P1}) in {Quiet.TotalSeconds} s");
        Assert.True(DrillDevnetFixture.CountLines(fixture.EmitterLog, "ReceiptRejected", "reason=signature_invalid") >= 10, "the refusals' ReceiptRejected lines in receipt-emitter.log");

        var recovered = await fixture.DrillAsync("receipt-validation-errors", "--recover");

        Assert.True(recovered.GetProperty("recover").GetBoolean());
        await fixture.WaitAsync(() => Task.FromResult(DrillDevnetFixture.CountLines(fixture.ReceiptsLog, "ReceiptsBadSignaturesSwitched active=false") == 1), "ReceiptsBadSignaturesSwitched active=false in receipts.log");
        // A post already on its way when the switch turned is answered within a second.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var settled = DrillDevnetFixture.Metric(await fixture.EmitterScrapeAsync(), ForgedReceipts);
        var emittedSettled = ServiceEmitted(await fixture.NodeScrapeAsync());
        await Task.Delay(Quiet);
        var later = DrillDevnetFixture.Metric(await fixture.EmitterScrapeAsync(), ForgedReceipts);
        // The simulator still signs one badly now and then (about one tick in 35); the drill's one per receipt is gone.
        Assert.True(later - settled <= 4, $"{ForgedReceipts} still climbs after recover: {settled} → {later} in {Quiet.TotalSeconds} s");
        Assert.True(ServiceEmitted(await fixture.NodeScrapeAsync()) > emittedSettled, "storage, compute and ad stopped emitting after recover");
    }

    private static double ServiceEmitted(string scrape) => SilencedMarkets.Sum(m => DrillDevnetFixture.Metric(scrape, $$"""receipt_emitted_total{market="{{m}}"}"""));

    private int DrillLines() => DrillDevnetFixture.CountLines(fixture.OracleLog, "SignatureInvalid", "reason=verification_failed", "meter=drill_bad_signature");

    private static string Did(JsonElement report) => string.Join('\n', report.GetProperty("did").EnumerateArray().Select(line => line.GetString()));

    private static List<string> Watch(JsonElement report) => [.. report.GetProperty("watch").EnumerateArray().Select(line => line.GetString()!)];

    private static Dictionary<string, double> Emitted(string scrape) =>
        Markets.ToDictionary(m => m, m => DrillDevnetFixture.Metric(scrape, $$"""receipt_emitted_total{market="{{m}}"}"""));

    private static Dictionary<string, double> Emitting(string scrape) => Emitted(scrape).Where(pair => pair.Value > 0).ToDictionary();
}
