using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Transactions;

using TheBlock.Benchmarks.Load;
using static TheBlock.Benchmarks.Load.ProbeReadings;

namespace TheBlock.Benchmarks.Energy;

/// <summary>
/// Signed meter readings at a target rate through a running energy oracle into its devnet (issue 10: 2,000 readings/s,
/// p95 <c>oracle_latency_seconds</c> under 2 s, no unbounded growth in memory or queue). Registers providers with the
/// devnet's dev keys (dev-2 owns them, dev-3 is the offtaker and funds escrow), signs every reading before the clock
/// starts (so the load generator's CPU during the run is HTTP only), then posts arrays of readings open loop: POST i is
/// due at start + i × batch / rate whether or not earlier ones were answered. Readings go round-robin over every meter,
/// so a meter sees one reading per meters / rate seconds and its timestamps keep increasing.
/// Latency percentiles come from the oracle's own histogram (bucket deltas over the run, interpolated the way
/// Prometheus' histogram_quantile does); queue depth and the oracle's RSS are sampled every second.
/// </summary>
public static class OracleLoad
{
    public const string Usage =
        "oracle-load --devnet-data-dir D [--rpc-url http://127.0.0.1:8000/rpc] [--oracle-url http://127.0.0.1:8001] " +
        "[--oracle-metrics-url http://127.0.0.1:9465/metrics] [--oracle-pid PID] [--rate 2000] [--duration 60] [--batch 50] " +
        "[--providers 40] [--meters-per-provider 64]";

    private const string LatencySeries = "oracle_latency_seconds";
    private const string QueueSeries = "oracle_queue_depth";

    public static async Task<int> RunAsync(string[] args)
    {
        var dataDir = Text(args, "--devnet-data-dir", null);
        if (dataDir is null)
        {
            await Console.Error.WriteLineAsync("--devnet-data-dir is required: the devnet's data dir, for its dev keys (keys/dev-2.key, keys/dev-3.key)\nusage: " + Usage);
            return 2;
        }

        var rpcUrl = new Uri(Text(args, "--rpc-url", "http://127.0.0.1:8000/rpc")!);
        var oracleUrl = Text(args, "--oracle-url", "http://127.0.0.1:8001")!.TrimEnd('/');
        var metricsUrl = Text(args, "--oracle-metrics-url", "http://127.0.0.1:9465/metrics")!;
        var pidText = Text(args, "--oracle-pid", null);
        int? pid = pidText is null ? null : int.Parse(pidText, CultureInfo.InvariantCulture);
        var rate = Number(args, "--rate", 2_000);
        var duration = Number(args, "--duration", 60);
        var batch = Number(args, "--batch", 50);
        var providers = Number(args, "--providers", 40);
        var metersPerProvider = Number(args, "--meters-per-provider", 64);

        using var owner = SigningKey.FromSeed(KeyFile.Read(Path.Combine(dataDir, "keys", "dev-2.key")));
        using var offtaker = SigningKey.FromSeed(KeyFile.Read(Path.Combine(dataDir, "keys", "dev-3.key")));
        using var meterKey = SigningKey.FromSeed(RandomNumberGenerator.GetBytes(32));
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var providerIds = Enumerable.Range(0, providers).Select(p => string.Create(CultureInfo.InvariantCulture, $"load_{run}_{p:000}")).ToList();
        var meters = Enumerable.Range(0, metersPerProvider).Select(m => string.Create(CultureInfo.InvariantCulture, $"meter_{m:000}")).ToList();
        var rpc = new RpcClient(rpcUrl, null);
        var started = Stopwatch.GetTimestamp();
        await RegisterAsync(rpc, owner, offtaker, meterKey, providerIds, meters);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registered {providers} providers × {metersPerProvider} meters (run {run}) and funded escrow in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

        // The oracle syncs providers' keys every 2 s (and on an unknown key at most once a second): let it see the new ones.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var posts = (int)((long)rate * duration / batch);
        started = Stopwatch.GetTimestamp();
        var bodies = SignBodies(meterKey, providerIds, meters, posts, batch, rate);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signed {posts * batch:N0} readings into {posts:N0} bodies in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var before = Histogram(await http.GetStringAsync(metricsUrl));
        using var stopSampling = new CancellationTokenSource();
        var samples = new List<Sample>();
        var sampler = SampleAsync(http, metricsUrl, pid, samples, stopSampling.Token);
        var outcome = await OpenLoopPosts.RunAsync(
            [http], oracleUrl + "/readings", bodies, batch, rate, "oracle load scheduler",
            text => JsonSerializer.Deserialize(text, OracleJsonContext.Default.ReadingAnswers)?.Results.Select(a => (a.Status, a.Reason)).ToList());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stopSampling.CancelAsync();
        await sampler;
        var after = Histogram(await http.GetStringAsync(metricsUrl));

        Report(outcome, before, after, samples, rate, duration, batch);
        return 0;
    }

    private static async Task RegisterAsync(RpcClient rpc, SigningKey owner, SigningKey offtaker, SigningKey meterKey, List<string> providerIds, List<string> meters)
    {
        var chain = (await rpc.CallAsync(CoreRpc.NodeStatus, NoParams.Value)).ChainId;
        var ownerNonce = (await rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(owner.Address.ToString()))).NextNonce;
        var offtakerNonce = (await rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(offtaker.Address.ToString()))).NextNonce;
        var transactions = providerIds.Select((id, i) => Transaction.CreateSigned(chain, owner, ownerNonce + (ulong)i, 0, new ProviderRegisterPayload(
            id, meterKey.PublicKey, new ProviderTerms(meters, 1_000_000_000, 1, "US-LOAD", offtaker.Address), 10_000))).ToList();
        transactions.Add(Transaction.CreateSigned(chain, offtaker, offtakerNonce, 0, new EscrowDepositPayload(100_000_000)));
        foreach (var transaction in transactions)
        {
            await rpc.CallAsync(CoreRpc.TxSubmit, new TxSubmitParams(Convert.ToHexStringLower(transaction.Encoded.Span)));
        }

        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        foreach (var transaction in transactions)
        {
            while (true)
            {
                var status = await rpc.CallAsync(CoreRpc.TxStatus, new TxStatusParams(transaction.Hash.ToString()));
                if (status.Status == TransactionStatuses.Committed)
                {
                    break;
                }

                if (status.Status == TransactionStatuses.Rejected || Stopwatch.GetTimestamp() > deadline)
                {
                    throw new InvalidOperationException($"{transaction.Kind.Name} {transaction.Hash} was not committed: {status.Status} {status.Reason}: {status.Message}");
                }

                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// Every POST's body, signed now. Reading k goes to meter k mod meters; its timestamp is when it is due (seconds after
    /// now, which stays well inside the oracle's skew allowance however long signing takes), or one past the meter's last.
    /// </summary>
    private static byte[][] SignBodies(SigningKey meterKey, List<string> providerIds, List<string> meters, int posts, int batch, int rate)
    {
        var meterCount = providerIds.Count * meters.Count;
        var heads = new (ulong Nonce, ulong Timestamp)[meterCount];
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bodies = new byte[posts][];
        var readings = new ReadingSubmission[batch];
        for (var post = 0; post < posts; post++)
        {
            for (var r = 0; r < batch; r++)
            {
                var k = ((long)post * batch) + r;
                var meter = (int)(k % meterCount);
                var (nonce, last) = heads[meter];
                var timestamp = Math.Max(now + (ulong)(k / rate), last + 1);
                heads[meter] = (nonce + 1, timestamp);
                var (providerId, meterId) = (providerIds[meter / meters.Count], meters[meter % meters.Count]);
                var signature = meterKey.Sign(SignedReading.SigningMessage(providerId, meterId, nonce + 1, timestamp, nonce + 1));
                readings[r] = ReadingSubmission.From(new SignedReading(providerId, meterId, nonce + 1, timestamp, nonce + 1, signature));
            }

            bodies[post] = JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<ReadingSubmission>>(readings, EnergyJsonContext.Default.IReadOnlyListReadingSubmission);
        }

        return bodies;
    }

    private static async Task SampleAsync(HttpClient http, string metricsUrl, int? pid, List<Sample> samples, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            double? queue = null;
            try
            {
                queue = Gauge(await http.GetStringAsync(metricsUrl, stop), QueueSeries);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A missed scrape leaves a gap; the next second tries again.
            }

            samples.Add(new Sample(Stopwatch.GetElapsedTime(start).TotalSeconds, queue, RssMiB(pid)));
        }
        while (await WaitAsync(timer, stop));
    }

    private static void Report(PostOutcome outcome, SortedDictionary<double, double> before, SortedDictionary<double, double> after, List<Sample> samples, int rate, int duration, int batch)
    {
        var total = outcome.Counts.Values.Sum();
        var accepted = outcome.Counts.GetValueOrDefault(ReadingAnswer.Accepted);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"offered {rate:N0} readings/s for {duration} s in POSTs of {batch} ({outcome.Latencies.Length:N0} POSTs, sent over {outcome.Sending.TotalSeconds:0.0} s, scheduler lag max {outcome.MaxLag.TotalMilliseconds:0} ms); all answered after {outcome.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answers: {total:N0} readings: accepted {accepted:N0} ({accepted / outcome.Elapsed.TotalSeconds:N0}/s over the run), rejected {outcome.Counts.GetValueOrDefault(ReadingAnswer.Rejected):N0}, busy {outcome.Counts.GetValueOrDefault(ReadingAnswer.Busy):N0}, unavailable {outcome.Counts.GetValueOrDefault(ReadingAnswer.Unavailable):N0}; failed POSTs {outcome.Failures}"));
        if (outcome.Reasons.Count > 0)
        {
            Console.WriteLine("reasons: " + string.Join(", ", outcome.Reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value:N0}")));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"POST round trip (from when due): p50 {Percentile(outcome.Latencies, 50):0.000} s, p95 {Percentile(outcome.Latencies, 95):0.000} s, p99 {Percentile(outcome.Latencies, 99):0.000} s, max {outcome.Latencies[^1]:0.000} s"));
        var delta = new SortedDictionary<double, double>(after.ToDictionary(b => b.Key, b => b.Value - before.GetValueOrDefault(b.Key)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{LatencySeries} over the run ({delta.GetValueOrDefault(double.PositiveInfinity):N0} observations, histogram_quantile): p50 {Quantile(delta, 0.50):0.000} s, p95 {Quantile(delta, 0.95):0.000} s, p99 {Quantile(delta, 0.99):0.000} s"));
        var queues = samples.Where(s => s.Queue is not null).Select(s => s.Queue!.Value).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{QueueSeries} sampled every second: max {(queues.Count == 0 ? double.NaN : queues.Max()):0}, last {(queues.Count == 0 ? double.NaN : queues[^1]):0}"));
        var rss = samples.Where(s => s.RssMiB is not null).ToList();
        if (rss.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"oracle RSS (MiB) every 5 s: {string.Join(" ", rss.Where((_, i) => i % 5 == 0).Select(s => $"{s.Seconds:0}s:{s.RssMiB:0.0}"))}; first {rss[0].RssMiB:0.0}, max {rss.Max(s => s.RssMiB):0.0}, last {rss[^1].RssMiB:0.0}"));
        }
    }

    /// <summary>The cumulative bucket counts of <see cref="LatencySeries"/>, by upper bound (+Inf included).</summary>
    private static SortedDictionary<double, double> Histogram(string page)
    {
        var buckets = new SortedDictionary<double, double>();
        var prefix = LatencySeries + "_bucket{le=\"";
        foreach (var line in page.Split('\n'))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.IndexOf('"', prefix.Length);
            var bound = line[prefix.Length..close];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            buckets[upper] = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return buckets;
    }

    /// <summary>
    /// Prometheus' histogram_quantile: the bucket where the rank falls, linearly interpolated between its bounds (the first
    /// bucket from 0); a rank in the +Inf bucket answers the highest finite bound.
    /// </summary>
    private static double Quantile(SortedDictionary<double, double> cumulative, double q)
    {
        var total = cumulative.GetValueOrDefault(double.PositiveInfinity);
        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        var (lowerBound, lowerCount) = (0.0, 0.0);
        foreach (var (upper, count) in cumulative)
        {
            if (count >= rank)
            {
                return double.IsPositiveInfinity(upper) ? lowerBound : lowerBound + ((upper - lowerBound) * (rank - lowerCount) / (count - lowerCount));
            }

            (lowerBound, lowerCount) = (upper, count);
        }

        return lowerBound;
    }

    private sealed record Sample(double Seconds, double? Queue, double? RssMiB);
}
