using System.Globalization;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// One devnet with its simulator, oracle and emitter for every drill test (<see cref="DrillCollection"/>): 250 ms
/// blocks and 10-block epochs, so the treasury drill's vote window closes in seconds while the simulated energy and
/// service markets run as on any devnet; fault injection is allowed for the drills that switch a fault (the node's
/// default 12 s <c>--fault-delay-ms</c>). Beside it, a real Prometheus with the configuration the devnet wrote for
/// itself (its alerts ten times faster than deployed) and a real Alertmanager with deploy/alertmanager's routing, its
/// page and ticket webhooks pointed at <see cref="Receiver"/>. Started once: a start is most of a drill test's time.
/// </summary>
public sealed class DrillDevnetFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Room for the longest devnet alert: a minute of <c>for</c> after its 30 s window has filled, on a busy machine.</summary>
    public static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(150);

    private DevnetProcess? _devnet;
    private AlertmanagerProcess? _alertmanager;
    private System.Diagnostics.Process? _prometheus;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public string OracleLog => Path.Combine(Devnet.DataDir, "logs", "oracle.log");

    public string ReceiptsLog => Path.Combine(Devnet.DataDir, "logs", "receipts.log");

    public string EmitterLog => Path.Combine(Devnet.DataDir, "logs", "receipt-emitter.log");

    public WebhookReceiver Receiver { get; } = new();

    public string PrometheusUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public async Task InitializeAsync()
    {
        _alertmanager = await AlertmanagerProcess.StartAsync(await AlertRoutingEndToEndTests.TestConfigAsync(Receiver));
        _devnet = await DevnetProcess.StartAsync("--epoch-length", "10", "--block-interval-ms", "250", "--allow-fault-injection");
        var root = await PrometheusEndToEndTests.WriteConfigAsync(_devnet, new Uri(_alertmanager.Url).Port);
        _prometheus = PrometheusEndToEndTests.StartPrometheus(root, new Uri(PrometheusUrl).Port);
        await WaitAsync(
            async () => await PrometheusEndToEndTests.QueryAsync(PrometheusUrl, "count(up == 1)") == "3",
            "Prometheus to scrape the node, the oracle and the emitter");
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            _prometheus.Kill(entireProcessTree: true);
            await _prometheus.WaitForExitAsync();
            _prometheus.Dispose();
        }

        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }

        if (_alertmanager is not null)
        {
            await _alertmanager.DisposeAsync();
        }

        Receiver.Dispose();
    }

    public Task<List<string>> ActiveAlertsAsync() => PrometheusAlerts.ActiveAsync(PrometheusUrl);

    /// <summary>Waits until Prometheus fires <paramref name="alert"/> (for every label set in <paramref name="labelValues"/>, when given).</summary>
    public Task WaitFiringAsync(string alert, params string[] labelValues) =>
        WaitAlertsAsync(alerts => Matching(alerts, alert, "firing", labelValues), $"{alert} to fire in Prometheus");

    /// <summary>Waits until no alert named <paramref name="alert"/> is pending or firing.</summary>
    public Task WaitClearedAsync(string alert) =>
        WaitAlertsAsync(alerts => !alerts.Any(a => a.StartsWith(alert + "{", StringComparison.Ordinal)), $"{alert} to clear in Prometheus");

    /// <summary>Waits until the webhook <paramref name="path"/> (<c>/page</c> or <c>/ticket</c>) has been notified that <paramref name="alert"/> fires.</summary>
    public Task WaitNotifiedAsync(string path, string alert) => Wait.UntilAsync(
        () => Receiver.ReceivedAt(path).Any(n => n.GetProperty("alerts").EnumerateArray().Any(a =>
            a.GetProperty("labels").GetProperty("alertname").GetString() == alert && a.GetProperty("status").GetString() == "firing")),
        AlertTimeout,
        $"Alertmanager to notify {path} of {alert}",
        () => $"{Receiver.Describe()}\n{_alertmanager?.Diagnostics()}");

    private async Task WaitAlertsAsync(Func<List<string>, bool> condition, string what)
    {
        var alerts = new List<string>();
        await Wait.UntilAsync(async () => condition(alerts = await ActiveAlertsAsync()), AlertTimeout, what, () => $"active alerts: {string.Join("; ", alerts)}\n{Devnet.Diagnostics()}");
    }

    private static bool Matching(List<string> alerts, string alert, string state, string[] labelValues) =>
        labelValues.Length == 0
            ? alerts.Any(a => a.StartsWith(alert + "{", StringComparison.Ordinal) && a.EndsWith(" " + state, StringComparison.Ordinal))
            : labelValues.All(value => alerts.Any(a => a.StartsWith(alert + "{", StringComparison.Ordinal) && a.Contains("=" + value + ",", StringComparison.Ordinal) && a.EndsWith(" " + state, StringComparison.Ordinal)));

    /// <summary><c>contract-cli dev drill …</c> against the devnet; fails with everything it printed unless it exits 0.</summary>
    public async Task<JsonElement> DrillAsync(params string[] args)
    {
        var result = await Devnet.Cli(["dev", "drill", .. args]);
        Assert.True(result.ExitCode == 0, $"contract-cli dev drill {string.Join(' ', args)} failed: {result}\n{Devnet.Diagnostics()}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    public Task<string> NodeScrapeAsync() => ScrapeAsync(Devnet.MetricsUrl);

    public Task<string> OracleScrapeAsync() => ScrapeAsync(Devnet.OracleMetricsUrl);

    public Task<string> EmitterScrapeAsync() => ScrapeAsync($"http://127.0.0.1:{Devnet.EmitterMetricsPort}/metrics");

    /// <summary>The value of one series (name and labels exactly as exposed), 0 when the scrape does not have it yet.</summary>
    public static double Metric(string scrape, string series)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>Lines of a role's log that contain every one of <paramref name="parts"/>.</summary>
    public static int CountLines(string path, params string[] parts) =>
        File.Exists(path) ? DevnetProcess.ReadShared(path).Split('\n').Count(line => parts.All(part => line.Contains(part, StringComparison.Ordinal))) : 0;

    public Task WaitAsync(Func<Task<bool>> condition, string what) => Wait.UntilAsync(condition, Timeout, what, Devnet.Diagnostics);

    private static async Task<string> ScrapeAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(url);
    }
}
