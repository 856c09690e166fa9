using System.Globalization;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// The runbook's "Receipts Flatlining" on real processes: a <c>--roles node,energy-oracle</c> devnet and a
/// <c>the-block receipt-emitter --devnet-data-dir D</c> beside it. While the emitter runs all four markets emit; a
/// <c>kill -9</c> of it flattens exactly storage, compute and ad (energy settles through the oracle and blocks go on),
/// as the node's <c>/metrics</c> and a real Prometheus show; restarted, the three recover.
/// </summary>
public sealed class FlatlineTests
{
    private static readonly string[] AllMarkets = ["energy", "storage", "compute", "ad"];
    private static readonly string[] EmitterMarkets = ["storage", "compute", "ad"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_devnets_traffic_reaches_an_emitter_attached_with_devnet_data_dir_on_its_own_port()
    {
        await using var devnet = await DevnetProcess.StartAsync("--roles", "node,energy-oracle");
        await using var emitter = await AttachedEmitterProcess.StartAsync(devnet);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var before = await EmittedAsync(http, devnet);
        await WaitUntilGrownAsync(http, devnet, before, EmitterMarkets, () => emitter.Output);
    }

    [Fact]
    public async Task Killing_the_attached_emitter_flattens_exactly_storage_compute_and_ad_and_restarting_it_recovers_them()
    {
        await using var devnet = await DevnetProcess.StartAsync("--roles", "node,energy-oracle");
        var prometheusPort = FreePort.Next();
        using var prometheus = PrometheusEndToEndTests.StartPrometheus(await PrometheusEndToEndTests.WriteConfigAsync(devnet), prometheusPort);
        var prometheusUrl = $"http://127.0.0.1:{prometheusPort}";
        try
        {
            await using var emitter = await AttachedEmitterProcess.StartAsync(devnet);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            var start = await EmittedAsync(http, devnet);
            await WaitUntilGrownAsync(http, devnet, start, AllMarkets, () => emitter.Output);

            await emitter.KillAsync();
            // What the emitter had already handed to the node is committed within a few blocks; after that nothing more comes.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var flatFrom = await EmittedAsync(http, devnet);
            var heightFrom = await devnet.HeightAsync();
            await Task.Delay(TimeSpan.FromSeconds(22));
            var flatTo = await EmittedAsync(http, devnet);
            var heightTo = await devnet.HeightAsync();

            var increase = AllMarkets.ToDictionary(m => m, m => flatTo.GetValueOrDefault(m) - flatFrom.GetValueOrDefault(m));
            Assert.True(increase["energy"] > 0, $"energy did not grow while the emitter was down: {Describe(increase)}");
            Assert.True(heightTo > heightFrom, $"the height stayed at {heightFrom}");
            Assert.Equal(EmitterMarkets, AllMarkets.Where(m => increase[m] == 0));

            // The runbook's symptom as Prometheus computes it: exactly the emitter's three markets are flat.
            var flat = await QueryMarketsAsync(http, prometheusUrl, "increase(receipt_emitted_total[20s]) == 0");
            Assert.Equal(EmitterMarkets.Order(StringComparer.Ordinal), flat.Order(StringComparer.Ordinal));

            await emitter.StartProcessAsync();
            await WaitUntilGrownAsync(http, devnet, flatTo, EmitterMarkets, () => emitter.Output);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    /// <summary>receipt_emitted_total by market from the node's <c>/metrics</c>.</summary>
    private static async Task<Dictionary<string, double>> EmittedAsync(HttpClient http, DevnetProcess devnet)
    {
        const string Prefix = "receipt_emitted_total{market=\"";
        var page = await http.GetStringAsync(devnet.MetricsUrl);
        var emitted = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in page.Split('\n').Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var market = line[Prefix.Length..line.IndexOf('"', Prefix.Length)];
            emitted[market] = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return emitted;
    }

    private static async Task WaitUntilGrownAsync(HttpClient http, DevnetProcess devnet, Dictionary<string, double> since, string[] markets, Func<string> diagnostics)
    {
        Dictionary<string, double> now = since;
        await Wait.UntilAsync(
            async () =>
            {
                now = await EmittedAsync(http, devnet);
                return markets.All(m => now.GetValueOrDefault(m) > since.GetValueOrDefault(m));
            },
            Timeout,
            $"receipt_emitted_total to grow for {string.Join(", ", markets)}",
            () => $"since {Describe(since)} now {Describe(now)}\n{diagnostics()}\n{devnet.Diagnostics()}");
    }

    private static string Describe(Dictionary<string, double> values) => string.Join(' ', values.Select(v => $"{v.Key}={v.Value}"));

    /// <summary>The <c>market</c> label of each series an instant query answers.</summary>
    private static async Task<List<string>> QueryMarketsAsync(HttpClient http, string prometheusUrl, string query)
    {
        using var answer = JsonDocument.Parse(await http.GetStringAsync($"{prometheusUrl}/api/v1/query?query={Uri.EscapeDataString(query)}"));
        return [.. answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => r.GetProperty("metric").GetProperty("market").GetString()!)];
    }
}
