using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

using TheBlock.Benchmarks.Load;
using static TheBlock.Benchmarks.Load.ProbeReadings;

namespace TheBlock.Benchmarks.Receipts;

/// <summary>
/// Signed receipts at a target rate through a running receipt-emitter into its devnet, end to end (issue 11: 5,000
/// receipts/s sustained into 1 s blocks). Registers its own providers (dev-2 owns them, each with its own key) and opens
/// an agreement with each (dev-3 buys, with a large deposit), signs every receipt before the clock starts, then posts
/// arrays of receipts open loop over several HTTP clients: POST i is due at start + i × batch / rate whether or not
/// earlier ones were answered. Receipt k goes to provider k mod providers with that provider's next nonce, so every
/// provider's nonces rise in step and no window is crowded.
/// Reports what the emitter accepted, what the node included (its <c>receipt_emitted_total</c>, sampled every second, as
/// is the emitter's <c>receipt_emitter_pending</c> and both processes' RSS), and accepted→included latency for one
/// receipt in every few POSTs: the time its block was first seen at the node's head (polled every 50 ms) minus the
/// time its POST was answered accepted.
/// </summary>
public static class EmitterLoad
{
    public const string Usage =
        "emitter-load --devnet-data-dir D [--rpc-url http://127.0.0.1:8000/rpc] [--node-metrics-url http://127.0.0.1:9464/metrics] " +
        "[--emitter-url http://127.0.0.1:8002] [--emitter-metrics-url http://127.0.0.1:9466/metrics] [--node-pid PID] [--emitter-pid PID] " +
        "[--rate 5000] [--duration 60] [--warmup 0] [--batch 100] [--clients 8] [--providers-per-market 4] [--sample-every 4]";

    private const ulong Stake = 20_000;
    private const ulong Deposit = 5_000_000;
    private static readonly ServiceMarket[] Markets = [ServiceMarket.Storage, ServiceMarket.Compute, ServiceMarket.Ad];
    private static readonly string[] ServiceMarketNames = [.. Markets.Select(ServiceMarkets.Name)];

    public static async Task<int> RunAsync(string[] args)
    {
        var dataDir = Text(args, "--devnet-data-dir", null);
        if (dataDir is null)
        {
            await Console.Error.WriteLineAsync("--devnet-data-dir is required: the devnet's data dir, for its dev keys (keys/dev-2.key, keys/dev-3.key)\nusage: " + Usage);
            return 2;
        }

        var rpcUrl = new Uri(Text(args, "--rpc-url", "http://127.0.0.1:8000/rpc")!);
        var nodeMetricsUrl = Text(args, "--node-metrics-url", "http://127.0.0.1:9464/metrics")!;
        var emitterUrl = Text(args, "--emitter-url", "http://127.0.0.1:8002")!.TrimEnd('/');
        var emitterMetricsUrl = Text(args, "--emitter-metrics-url", "http://127.0.0.1:9466/metrics")!;
        int? nodePid = Text(args, "--node-pid", null) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null;
        int? emitterPid = Text(args, "--emitter-pid", null) is { } e ? int.Parse(e, CultureInfo.InvariantCulture) : null;
        var rate = Number(args, "--rate", 5_000);
        var duration = Number(args, "--duration", 60);
        var batch = Number(args, "--batch", 100);
        var clients = Number(args, "--clients", 8);
        var perMarket = Number(args, "--providers-per-market", 4);
        var sampleEvery = Number(args, "--sample-every", 4);
        var warmup = Number(args, "--warmup", 0);

        using var owner = SigningKey.FromSeed(KeyFile.Read(Path.Combine(dataDir, "keys", "dev-2.key")));
        using var buyer = SigningKey.FromSeed(KeyFile.Read(Path.Combine(dataDir, "keys", "dev-3.key")));
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var providers = Markets.SelectMany(m => Enumerable.Range(0, perMarket).Select(i => new LoadProvider(m, Invariant($"{ServiceMarkets.Name(m)}_load_{run}_{i:00}"), SigningKey.FromSeed(RandomNumberGenerator.GetBytes(32))))).ToList();
        var rpc = new RpcClient(rpcUrl, null);
        var started = Stopwatch.GetTimestamp();
        await RegisterAsync(rpc, owner, buyer, providers);
        Console.WriteLine(Invariant($"registered {providers.Count} providers with an agreement each (run {run}) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

        var posts = (int)((long)rate * duration / batch);
        var warmPosts = (int)((long)rate * warmup / batch);
        started = Stopwatch.GetTimestamp();
        var (signed, signedSamples) = SignBodies(providers, warmPosts + posts, batch, rate, sampleEvery);
        var (bodies, sampleIds) = (signed[warmPosts..], signedSamples[warmPosts..]);
        Console.WriteLine(Invariant($"signed {(long)(warmPosts + posts) * batch:N0} receipts into {warmPosts + posts:N0} bodies in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s; load average {LoadAverage()}"));

        // The emitter syncs providers and agreements every second: let it see the new ones.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var http = Enumerable.Range(0, clients).Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        }).ToArray();
        var probe = http[0];
        if (warmPosts > 0)
        {
            await WarmUpAsync(http, probe, emitterUrl, emitterMetricsUrl, signed[..warmPosts], batch, rate, warmup);
        }

        var includedBefore = Emitted(await probe.GetStringAsync(nodeMetricsUrl));
        using var stopSampling = new CancellationTokenSource();
        var samples = new List<Sample>();
        var blocksSeen = new ConcurrentDictionary<ulong, long>();
        var sampler = SampleAsync(probe, nodeMetricsUrl, emitterMetricsUrl, nodePid, emitterPid, samples, stopSampling.Token);
        var heads = WatchHeadAsync(rpc, blocksSeen, stopSampling.Token);
        var acceptedAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var outcome = await OpenLoopPosts.RunAsync(
            http, emitterUrl + "/receipts", bodies, batch, rate, "emitter load scheduler",
            text => JsonSerializer.Deserialize(text, EmitterHttpJsonContext.Default.ReceiptAnswers)?.Results.Select(a => (a.Status, a.Reason)).ToList(),
            (index, at, answers) =>
            {
                if (sampleIds[index] is { } sample && answers[0].Status == ReceiptAnswer.Accepted)
                {
                    acceptedAt[sample] = at;
                }
            });
        Console.WriteLine(Invariant($"all POSTs answered; waiting for the emitter to drain (pending → 0, at most 120 s); load average {LoadAverage()}"));
        var drainStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(drainStart) < TimeSpan.FromSeconds(120))
        {
            if (samples.Count > 0 && samples[^1].Pending is 0 && Stopwatch.GetElapsedTime(drainStart) > TimeSpan.FromSeconds(2))
            {
                break;
            }

            await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var includedAfter = Emitted(await probe.GetStringAsync(nodeMetricsUrl));
        var latencies = await LatenciesAsync(probe, emitterUrl, acceptedAt, blocksSeen);
        await stopSampling.CancelAsync();
        await sampler;
        await heads;
        Report(outcome, includedAfter - includedBefore, samples, latencies, rate, duration, batch, clients, providers.Count);
        foreach (var client in http)
        {
            client.Dispose();
        }

        foreach (var provider in providers)
        {
            provider.Key.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// The same rate for <paramref name="seconds"/> before the measured run, then a wait for the emitter to drain: node and
    /// emitter reach steady state (JIT tiering, caches, pools) as a long-running deployment has, and the run starts empty.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient[] http, HttpClient probe, string emitterUrl, string emitterMetricsUrl, byte[][] bodies, int batch, int rate, int seconds)
    {
        var outcome = await OpenLoopPosts.RunAsync(
            http, emitterUrl + "/receipts", bodies, batch, rate, "emitter warm-up scheduler",
            text => JsonSerializer.Deserialize(text, EmitterHttpJsonContext.Default.ReceiptAnswers)?.Results.Select(a => (a.Status, a.Reason)).ToList(),
            (_, _, _) => { });
        var drainStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(drainStart) < TimeSpan.FromSeconds(120) && Gauge(await probe.GetStringAsync(emitterMetricsUrl), "receipt_emitter_pending") is not 0)
        {
            await Task.Delay(500);
        }

        Console.WriteLine(Invariant(
            $"warm-up: {rate:N0} receipts/s for {seconds} s, accepted {outcome.Counts.GetValueOrDefault(ReceiptAnswer.Accepted):N0}; drained {Stopwatch.GetElapsedTime(drainStart).TotalSeconds:0.0} s after the last POST; load average {LoadAverage()}"));
    }

    private static async Task RegisterAsync(RpcClient rpc, SigningKey owner, SigningKey buyer, List<LoadProvider> providers)
    {
        var chain = (await rpc.CallAsync(CoreRpc.NodeStatus, NoParams.Value)).ChainId;
        var ownerNonce = (await rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(owner.Address.ToString()))).NextNonce;
        var registrations = providers.Select((p, i) => Transaction.CreateSigned(chain, owner, ownerNonce + (ulong)i, 0, new MarketProviderRegisterPayload(p.Market, p.Id, p.Key.PublicKey, Stake))).ToList();
        await SubmitAndWaitAsync(rpc, registrations);
        var buyerNonce = (await rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(buyer.Address.ToString()))).NextNonce;
        var opens = providers.Select((p, i) => Transaction.CreateSigned(chain, buyer, buyerNonce + (ulong)i, 0, new AgreementOpenPayload(p.Market, p.Id, 1, Deposit))).ToList();
        var statuses = await SubmitAndWaitAsync(rpc, opens);
        for (var i = 0; i < providers.Count; i++)
        {
            var agreement = statuses[i].Events?.Select(e => e.Data).FirstOrDefault(d => d is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("agreement_id", out _))
                ?? throw new InvalidOperationException($"agreement open for {providers[i].Id} committed without an agreement event");
            providers[i].AgreementId = agreement.GetProperty("agreement_id").GetUInt64();
        }
    }

    private static async Task<List<TransactionStatus>> SubmitAndWaitAsync(RpcClient rpc, List<Transaction> transactions)
    {
        foreach (var transaction in transactions)
        {
            await rpc.CallAsync(CoreRpc.TxSubmit, new TxSubmitParams(Convert.ToHexStringLower(transaction.Encoded.Span)));
        }

        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        var statuses = new List<TransactionStatus>();
        foreach (var transaction in transactions)
        {
            while (true)
            {
                var status = await rpc.CallAsync(CoreRpc.TxStatus, new TxStatusParams(transaction.Hash.ToString()));
                if (status.Status == TransactionStatuses.Committed)
                {
                    statuses.Add(status);
                    break;
                }

                if (status.Status == TransactionStatuses.Rejected || Stopwatch.GetTimestamp() > deadline)
                {
                    throw new InvalidOperationException($"{transaction.Kind.Name} {transaction.Hash} was not committed: {status.Status} {status.Reason}: {status.Message}");
                }

                await Task.Delay(200);
            }
        }

        return statuses;
    }

    /// <summary>Every POST's body, signed now, in parallel; the first receipt of every <paramref name="sampleEvery"/>-th POST is followed to its block.</summary>
    private static (byte[][] Bodies, string?[] SampleIds) SignBodies(List<LoadProvider> providers, int posts, int batch, int rate, int sampleEvery)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bodies = new byte[posts][];
        var sampleIds = new string?[posts];
        Parallel.For(0, posts, post =>
        {
            var buffer = new ArrayBufferWriter<byte>(batch * 600);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                for (var r = 0; r < batch; r++)
                {
                    var k = ((long)post * batch) + r;
                    var provider = providers[(int)(k % providers.Count)];
                    var nonce = (ulong)(k / providers.Count) + 1;
                    var receipt = new MarketReceipt(provider.Market, provider.Id, provider.AgreementId, 1, nonce, now + (ulong)(k / rate), Fields(provider.Market, k), default).SignedWith(provider.Key);
                    ReceiptDocument.Write(writer, receipt);
                    if (r == 0 && post % sampleEvery == 0)
                    {
                        sampleIds[post] = receipt.ReceiptId.ToString();
                    }
                }

                writer.WriteEndArray();
            }

            bodies[post] = buffer.WrittenSpan.ToArray();
        });
        return (bodies, sampleIds);
    }

    private static IReadOnlyList<ReceiptField> Fields(ServiceMarket market, long k) => market switch
    {
        ServiceMarket.Storage => [ReceiptField.Of("contract_id", Invariant($"contract-{k % 1_000}")), ReceiptField.Of("bytes", 1_048_576), ReceiptField.Of("duration_seconds", 60)],
        ServiceMarket.Compute => [ReceiptField.Of("job_id", Invariant($"job-{k % 1_000}")), ReceiptField.Of("compute_units", 12)],
        _ => [ReceiptField.Of("campaign_id", Invariant($"campaign-{k % 100}")), ReceiptField.Of("impressions", 1_000), ReceiptField.Of("clicks", 7)],
    };

    /// <summary>When each height first appeared as the node's head, polled every 50 ms.</summary>
    private static async Task WatchHeadAsync(RpcClient rpc, ConcurrentDictionary<ulong, long> blocksSeen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var status = await rpc.CallAsync(CoreRpc.NodeStatus, NoParams.Value, stop);
                blocksSeen.TryAdd(status.CurrentBlockHeight, Stopwatch.GetTimestamp());
                await Task.Delay(50, stop);
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcUnreachableException or HttpRequestException)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Accepted→included for every sampled receipt the emitter reports included: when its block was first seen minus when it was accepted.</summary>
    private static async Task<double[]> LatenciesAsync(HttpClient http, string emitterUrl, ConcurrentDictionary<string, long> acceptedAt, ConcurrentDictionary<ulong, long> blocksSeen)
    {
        var latencies = new ConcurrentBag<double>();
        var (notIncluded, unknown) = (0, 0);
        await Parallel.ForEachAsync(acceptedAt, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, cancellationToken) =>
        {
            // An unknown receipt is answered 404 with a body saying so (the emitter keeps a bounded number of outcomes).
            using var response = await http.GetAsync($"{emitterUrl}/receipts/{pair.Key}", cancellationToken);
            var tracking = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken), EmitterHttpJsonContext.Default.ReceiptTracking);
            if (tracking is { Status: ReceiptTracking.Included, Height: { } height })
            {
                if (blocksSeen.TryGetValue(height, out var seen))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(pair.Value, seen).TotalSeconds);
                }
            }
            else if (tracking?.Status == ReceiptTracking.Unknown)
            {
                Interlocked.Increment(ref unknown);
            }
            else
            {
                Interlocked.Increment(ref notIncluded);
            }
        });
        Console.WriteLine(Invariant($"followed {acceptedAt.Count:N0} sampled receipts: {latencies.Count:N0} included, {notIncluded} not (yet), {unknown} forgotten by the emitter"));
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static async Task SampleAsync(HttpClient http, string nodeMetricsUrl, string emitterMetricsUrl, int? nodePid, int? emitterPid, List<Sample> samples, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            double? pending = null;
            double? emitted = null;
            try
            {
                pending = Gauge(await http.GetStringAsync(emitterMetricsUrl, stop), "receipt_emitter_pending");
                emitted = Emitted(await http.GetStringAsync(nodeMetricsUrl, stop));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A missed scrape leaves a gap; the next second tries again.
            }

            lock (samples)
            {
                samples.Add(new Sample(Stopwatch.GetElapsedTime(start).TotalSeconds, pending, emitted, RssMiB(nodePid), RssMiB(emitterPid), CpuSeconds(nodePid), CpuSeconds(emitterPid), LoadAverage()));
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static void Report(PostOutcome outcome, double included, List<Sample> samples, double[] latencies, int rate, int duration, int batch, int clients, int providers)
    {
        var accepted = outcome.Counts.GetValueOrDefault(ReceiptAnswer.Accepted);
        Console.WriteLine(Invariant(
            $"offered {rate:N0} receipts/s for {duration} s in POSTs of {batch} over {clients} HTTP clients, {providers} providers ({outcome.Latencies.Length:N0} POSTs, sent over {outcome.Sending.TotalSeconds:0.0} s, scheduler lag max {outcome.MaxLag.TotalMilliseconds:0} ms); all answered after {outcome.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(Invariant(
            $"answers: accepted {accepted:N0} ({accepted / outcome.Elapsed.TotalSeconds:N0}/s), rejected {outcome.Counts.GetValueOrDefault(ReceiptAnswer.Rejected):N0}, busy {outcome.Counts.GetValueOrDefault(ReceiptAnswer.Busy):N0}, unavailable {outcome.Counts.GetValueOrDefault(ReceiptAnswer.Unavailable):N0}; failed POSTs {outcome.Failures}"));
        if (outcome.Reasons.Count > 0)
        {
            Console.WriteLine("reasons: " + string.Join(", ", outcome.Reasons.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value:N0}")));
        }

        Console.WriteLine(Invariant($"POST round trip (from when due): p50 {Percentile(outcome.Latencies, 50):0.000} s, p95 {Percentile(outcome.Latencies, 95):0.000} s, p99 {Percentile(outcome.Latencies, 99):0.000} s, max {outcome.Latencies[^1]:0.000} s"));
        var emitted = samples.Where(s => s.Emitted is not null).ToList();
        var sendWindow = emitted.Where(s => s.Seconds <= outcome.Sending.TotalSeconds + 1).ToList();
        var steady = sendWindow.Count > 12 ? sendWindow.Skip(5).ToList() : sendWindow;
        var steadyRate = steady.Count > 1 ? (steady[^1].Emitted!.Value - steady[0].Emitted!.Value) / (steady[^1].Seconds - steady[0].Seconds) : double.NaN;
        var lastIncluded = emitted.Count > 1 ? emitted.Last(s => s.Emitted < emitted[^1].Emitted || s == emitted[0]).Seconds : 0;
        Console.WriteLine(Invariant(
            $"included in blocks (node receipt_emitted_total): {included:N0} over the run ({included / Math.Max(1, lastIncluded + 1):N0}/s until the last one); while sending, after the first 5 s: {steadyRate:N0}/s"));
        // The second half of the sending window: what the pipeline keeps up once start-up (JIT tiering, caches) is behind it.
        var secondHalf = sendWindow.Where(s => s.Seconds >= outcome.Sending.TotalSeconds / 2).ToList();
        if (secondHalf.Count > 1)
        {
            var (first, last) = (secondHalf[0], secondHalf[^1]);
            var seconds = last.Seconds - first.Seconds;
            var receipts = last.Emitted!.Value - first.Emitted!.Value;
            Console.WriteLine(Invariant(
                $"second half of sending ({first.Seconds:0}–{last.Seconds:0} s): included {receipts / seconds:N0}/s, pending {first.Pending:N0} → {last.Pending:N0}; CPU node {Share(first.NodeCpu, last.NodeCpu, seconds)}, emitter {Share(first.EmitterCpu, last.EmitterCpu, seconds)} cores"));
        }

        Console.WriteLine(Invariant($"latency accepted→included ({latencies.Length:N0} sampled receipts): p50 {Percentile(latencies, 50):0.00} s, p95 {Percentile(latencies, 95):0.00} s, p99 {Percentile(latencies, 99):0.00} s, max {(latencies.Length == 0 ? double.NaN : latencies[^1]):0.00} s"));
        Console.WriteLine("every 5 s: t, included/s over the last 5 s, emitter pending, node RSS MiB, emitter RSS MiB, load average");
        for (var i = 0; i < samples.Count; i += 5)
        {
            var s = samples[i];
            var back = samples[Math.Max(0, i - 5)];
            var perSecond = s.Emitted is { } now && back.Emitted is { } then && s.Seconds > back.Seconds ? (now - then) / (s.Seconds - back.Seconds) : double.NaN;
            Console.WriteLine(Invariant($"  {s.Seconds,5:0}s {perSecond,8:N0}/s pending {s.Pending,8:N0} node {s.NodeRss,7:0.0} emitter {s.EmitterRss,7:0.0}  [{s.LoadAverage}]"));
        }

        var pendings = samples.Where(s => s.Pending is not null).Select(s => s.Pending!.Value).ToList();
        Console.WriteLine(Invariant($"emitter pending: max {(pendings.Count == 0 ? double.NaN : pendings.Max()):N0}, last {(pendings.Count == 0 ? double.NaN : pendings[^1]):N0}; RSS max: node {samples.Max(s => s.NodeRss ?? 0):0.0} MiB, emitter {samples.Max(s => s.EmitterRss ?? 0):0.0} MiB"));
    }

    private static string Share(double? before, double? after, double seconds) =>
        before is { } b && after is { } a ? ((a - b) / seconds).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>The node's receipt_emitted_total over the storage, compute and ad markets (the load's own and the devnet's traffic).</summary>
    private static double Emitted(string page)
    {
        var total = 0.0;
        foreach (var line in page.Split('\n'))
        {
            if (line.StartsWith("receipt_emitted_total{", StringComparison.Ordinal) && ServiceMarketNames.Any(m => line.Contains($"market=\"{m}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static string LoadAverage() => ReceiptsListProbe.LoadAverage();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class LoadProvider(ServiceMarket market, string id, SigningKey key)
    {
        public ServiceMarket Market { get; } = market;

        public string Id { get; } = id;

        public SigningKey Key { get; } = key;

        public ulong AgreementId { get; set; }
    }

    private sealed record Sample(double Seconds, double? Pending, double? Emitted, double? NodeRss, double? EmitterRss, double? NodeCpu, double? EmitterCpu, string LoadAverage);

}
