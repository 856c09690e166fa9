using System.Diagnostics;
using System.Globalization;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.EndToEnd.Tests.Grafana;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// A real Prometheus (the Debian package) with deploy/prometheus's configuration and rules scrapes a real devnet, and
/// the runbook's <c>prometheus_query</c> helper (scripts/prometheus_query.sh) answers the runbook's treasury queries
/// with real values; every query of the Grafana dashboards in deploy/grafana is accepted and answered.
/// </summary>
public sealed class PrometheusEndToEndTests
{
    [Fact]
    public async Task The_runbooks_treasury_queries_return_real_values_from_a_real_prometheus()
    {
        await using var devnet = await DevnetProcess.StartAsync("--epoch-length", "2");
        var port = FreePort.Next();
        var root = await WriteConfigAsync(devnet);
        using var prometheus = StartPrometheus(root, port);
        try
        {
            var url = $"http://127.0.0.1:{port}";
            await Wait.UntilAsync(async () => await QueryAsync(url, "up{job=\"the-block-node\"}") == "1", TimeSpan.FromSeconds(60), "Prometheus to scrape the devnet");

            // Step 4's queries, verbatim.
            var tickP99 = await Wait.UntilAsync(
                async () => Number(await QueryAsync(url, "histogram_quantile(0.99, treasury_executor_tick_duration_seconds_bucket)")) is { } value ? (object)value : null,
                TimeSpan.FromSeconds(60),
                "a tick duration p99");
            Assert.InRange((double)tickP99, 0, 1);
            // rate() needs two scrapes; the executor is healthy, so the rate is 0.
            var errorRate = await Wait.UntilAsync(
                async () => Number(await QueryAsync(url, "rate(treasury_execution_errors_total[5m])")) is { } value ? (object)value : null,
                TimeSpan.FromSeconds(30),
                "an execution error rate");
            Assert.Equal(0.0, (double)errorRate);

            // The symptoms' series, including the recorded p95 the runbook reads by name, once the simulator's
            // disbursements have been paid.
            Assert.NotNull(Number(await QueryAsync(url, "treasury_disbursement_backlog")));
            var lagP95 = await Wait.UntilAsync(
                async () => Number(await QueryAsync(url, "treasury_disbursement_lag_seconds_p95")) is { } value && !double.IsNaN(value) ? (object)value : null,
                TimeSpan.FromSeconds(90),
                "treasury_disbursement_lag_seconds_p95 to have a value");
            Assert.InRange((double)lagP95, 0, 21_600);
            Assert.Equal("0", await QueryAsync(url, "count(ALERTS{alertstate=\"firing\", severity=\"critical\"}) or vector(0)"));

            // Energy Stalled, steps 1 and 2, verbatim: the simulator's meters post through the devnet's oracle.
            var oracleP95 = await Wait.UntilAsync(
                async () => Number(await QueryAsync(url, "histogram_quantile(0.95, oracle_latency_seconds_bucket)")) is { } value && !double.IsNaN(value) ? (object)value : null,
                TimeSpan.FromSeconds(60),
                "an oracle latency p95");
            Assert.InRange((double)oracleP95, 0, 60);
            foreach (var reason in new[] { "invalid_format", "verification_failed", "key_not_found", "scheme_unsupported" })
            {
                Assert.NotNull(Number(await QueryAsync(url, $"energy_signature_verification_failures_total{{reason=\"{reason}\"}}")));
            }

            Assert.NotNull(Number(await QueryAsync(url, "energy_pending_credits_total")));

            await DashboardQueryAnswers.AssertAnsweredAsync(url);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The configuration <paramref name="devnet"/> wrote for itself (deploy/prometheus's, pointed at its node, oracle and
    /// emitter metrics listeners, its rules timed to the devnet), scraping every second, sending alerts to the
    /// Alertmanager on <paramref name="alertmanagerPort"/>; returns the directory it is in.
    /// </summary>
    /// <param name="alertmanagerPort">
    /// The test's own Alertmanager; without one, a port nothing listens on, so a devnet's alerts never reach an
    /// Alertmanager the machine happens to run on the default port.
    /// </param>
    internal static async Task<string> WriteConfigAsync(DevnetProcess devnet, int? alertmanagerPort = null)
    {
        var root = Path.Combine(devnet.DataDir, "prometheus");
        var path = Path.Combine(root, "prometheus.yml");
        var config = await File.ReadAllTextAsync(path);
        Assert.Contains("127.0.0.1:9093", config, StringComparison.Ordinal);
        config = config
            .Replace("127.0.0.1:9093", $"127.0.0.1:{alertmanagerPort ?? FreePort.Next()}", StringComparison.Ordinal)
            .Replace("scrape_interval: 5s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("evaluation_interval: 5s", "evaluation_interval: 1s", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, config);
        return root;
    }

    internal static Process StartPrometheus(string root, int port) => ToolProcess.Start(
        ToolProcess.StartInfo("prometheus", [$"--config.file={Path.Combine(root, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(root, "data")}", $"--web.listen-address=127.0.0.1:{port}"]),
        installHint: "apt-get install prometheus (.ci/run does) and run again");

    /// <summary>The runbook's helper, sourced in bash exactly as an operator would.</summary>
    internal static async Task<string> QueryAsync(string url, string query)
    {
        var helper = Path.Combine(Executables.RepositoryRoot, "scripts", "prometheus_query.sh");
        var start = ToolProcess.StartInfo("bash", ["-c", $"source '{helper}' && prometheus_query \"$1\"", "prometheus_query", query]);
        start.Environment["PROMETHEUS_URL"] = url;
        return (await ToolProcess.RunAsync(start, TimeSpan.FromSeconds(30))).Stdout.Trim();
    }

    /// <summary>A runbook line that pipes the helper into jq, with the whole-answer variant (<c>prometheus_query_json</c>) in its place.</summary>
    internal static async Task<string> QueryJqAsync(string url, string query, string jqFilter)
    {
        var helper = Path.Combine(Executables.RepositoryRoot, "scripts", "prometheus_query.sh");
        var start = ToolProcess.StartInfo("bash", ["-c", $"set -o pipefail; source '{helper}' && prometheus_query_json \"$1\" | jq -c \"$2\"", "prometheus_query_json", query, jqFilter]);
        start.Environment["PROMETHEUS_URL"] = url;
        var result = await ToolProcess.RunAsync(start, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    internal static double? Number(string answer) =>
        double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
