using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// Runbook path A: load raises <c>oracle_latency_seconds</c> p95, and a second replica lowers it. Each replica forwards
/// one batch at a time, and the node holds every batch for a fixed time (the <c>readings_submit_delay</c> fault, 1 s
/// here), so a replica passes at most batch size ÷ delay readings a second whatever the machine: readings offered
/// between one replica's capacity and two replicas' queue up behind one replica and not behind two. The bottleneck is
/// the wall clock, not the CPU, and the load is light enough for a shared 2-core runner.
/// </summary>
public sealed class OracleLatencyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Providers = 8;
    private const int MetersPerProvider = 64;
    private const int BatchSize = 10;
    private const int FaultDelayMs = 1_000;

    /// <summary>15 readings a second: over one replica's 10 (batch size ÷ delay), under two replicas' 20.</summary>
    private const int ReadingsPerPost = 3;
    private static readonly TimeSpan PostEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(10);
    private static readonly int PostedPerPhase = (int)(Phase / PostEvery) * ReadingsPerPost;

    [Fact]
    public async Task Path_A_load_raises_the_p95_and_a_second_replica_lowers_it()
    {
        await using var devnet = await DevnetProcess.StartAsync(
            "--no-simulator", "--roles", "node", "--allow-fault-injection", "--fault-delay-ms", FaultDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var driver = new EnergyDriver(devnet);
        var meters = Enumerable.Range(1, MetersPerProvider).Select(i => $"meter_{i:000}").ToArray();
        var streams = new List<(string Provider, string Meter)>();
        for (var p = 1; p <= Providers; p++)
        {
            await driver.RegisterAsync($"provider_load_{p}", meters: meters);
            streams.AddRange(meters.Select(m => ($"provider_load_{p}", m)));
        }

        await SetSubmitDelayAsync(devnet);
        string[] throttled = ["--batch-size", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-delay-ms", "0"];
        await using var first = await OracleProcess.StartAsync(devnet, "replica-a", throttled);
        await using var second = await OracleProcess.StartAsync(devnet, "replica-b", throttled);
        var next = 0UL;

        var alone = await MeasureAsync(driver, [first], [first, second], streams, () => ++next);
        await Testing.Wait.UntilAsync(
            async () => EnergyDriver.Sample(await driver.MetricsAsync(first.MetricsUrl), "oracle_queue_depth") == 0,
            EnergyDriver.Timeout,
            "replica-a to drain its queue");
        var shared = await MeasureAsync(driver, [first, second], [first, second], streams, () => ++next);

        output.WriteLine($"one replica: {alone.Count} readings, p50 {alone.Quantile(0.5):0.00} s, p95 {alone.Quantile(0.95):0.00} s");
        output.WriteLine($"two replicas: {shared.Count} readings, p50 {shared.Quantile(0.5):0.00} s, p95 {shared.Quantile(0.95):0.00} s");
        Assert.True(alone.Count >= PostedPerPhase * 9 / 10, $"only {alone.Count} of {PostedPerPhase} readings reached a block with one replica");
        Assert.True(shared.Count >= PostedPerPhase * 9 / 10, $"only {shared.Count} of {PostedPerPhase} readings reached a block with two replicas");
        Assert.True(
            alone.Quantile(0.95) > 2 * FaultDelayMs / 1000.0 + 1,
            $"p95 with one replica {alone.Quantile(0.95):0.00} s: readings did not queue behind the held batches");
        Assert.True(
            shared.Quantile(0.95) + 1 < alone.Quantile(0.95),
            $"p95 with one replica {alone.Quantile(0.95):0.00} s, with two {shared.Quantile(0.95):0.00} s");
    }

    /// <summary>Switches on the node's hold of every <c>energy.readings.submit</c> with the admin token.</summary>
    private static async Task SetSubmitDelayAsync(DevnetProcess devnet)
    {
        using var rpc = new RawRpc(devnet.RpcUrl);
        var token = File.ReadAllText(Path.Combine(devnet.Home, ".config", "the-block", "token")).Trim();
        var response = await rpc.CallAsync("debug.fault.set", """{"fault":"readings_submit_delay","active":true}""", token);
        Assert.True(response.TryGetProperty("result", out var result) && result.GetProperty("active").GetBoolean(), $"debug.fault.set readings_submit_delay answered {response}");
    }

    /// <summary>Posts the load round-robin to <paramref name="targets"/> for one phase, and returns the latencies all replicas observed meanwhile.</summary>
    private static async Task<LatencyHistogram> MeasureAsync(
        EnergyDriver driver, OracleProcess[] targets, OracleProcess[] all, List<(string Provider, string Meter)> streams, Func<ulong> nextNonce)
    {
        var before = await ScrapeAsync(driver, all);
        var posts = new List<Task>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stream = 0;
        for (var tick = 0; clock.Elapsed < Phase; tick++)
        {
            var readings = Enumerable.Range(0, ReadingsPerPost).Select(_ =>
            {
                var (provider, meter) = streams[stream++ % streams.Count];
                var nonce = nextNonce();
                return driver.Reading(provider, meter, nonce, nonce: nonce);
            }).ToList();
            posts.Add(Swallow(driver.PostAsync(targets[tick % targets.Length].Url, EnergyDriver.Json(readings))));
            var due = PostEvery * (tick + 1) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }

        await Task.WhenAll(posts);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return await ScrapeAsync(driver, all) - before;
    }

    private static async Task<LatencyHistogram> ScrapeAsync(EnergyDriver driver, OracleProcess[] replicas)
    {
        LatencyHistogram? sum = null;
        foreach (var replica in replicas)
        {
            var histogram = LatencyHistogram.Parse(await driver.MetricsAsync(replica.MetricsUrl), "oracle_latency_seconds");
            sum = sum is null ? histogram : sum + histogram;
        }

        return sum!;
    }

    /// <summary>A post's answer does not matter here (busy or unavailable under overload is expected); its latency does.</summary>
    private static async Task Swallow(Task<(int, System.Text.Json.JsonElement)> post)
    {
        try
        {
            await post;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }
    }
}
