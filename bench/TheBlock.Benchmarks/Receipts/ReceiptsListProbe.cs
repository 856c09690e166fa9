using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Receipts;
using TheBlock.Server.Rpc;
using TheBlock.Storage;

namespace TheBlock.Benchmarks.Receipts;

/// <summary>
/// <c>receipts stats</c> and <c>receipts list</c> over a node data directory holding many receipts, each one in a real
/// block (a batch transaction of signed receipts that the block's execution checked and paid from its agreement), measured
/// the way the node serves them: its own RPC handler and the JSON serialization of the result, without HTTP. The data
/// directory is built once under <c>--data-dir</c> and reused by later runs; a later run asking for more receipts adds
/// blocks to it. Also reports the database's bytes per receipt (issue 11: at most 300).
/// </summary>
public static class ReceiptsListProbe
{
    public const string Usage =
        "receipts-lists --data-dir D [--receipts 1000000] [--batches-per-block 25] [--providers-per-market 10] [--queries 1000] [--stats-queries 200]";

    private const string ProgressFile = "bench-receipts.count";
    private const ulong Stake = 20_000;
    private const ulong Deposit = 20_000_000;
    private const ulong UnitPrice = 1;
    private const int BatchSize = ReceiptsLimits.MaxBatchReceipts;
    private static readonly ServiceMarket[] Markets = [ServiceMarket.Storage, ServiceMarket.Compute, ServiceMarket.Ad];
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args)
    {
        var dataDir = Text(args, "--data-dir");
        if (dataDir is null)
        {
            Console.Error.WriteLine("--data-dir is required: where the receipts chain is built once and reused\nusage: " + Usage);
            return 2;
        }

        var target = Number(args, "--receipts", 1_000_000);
        var batchesPerBlock = (int)Number(args, "--batches-per-block", 25);
        var providersPerMarket = (int)Number(args, "--providers-per-market", 10);
        var queries = (int)Number(args, "--queries", 1_000);
        var statsQueries = (int)Number(args, "--stats-queries", 200);
        var providers = Markets.SelectMany(m => Enumerable.Range(0, providersPerMarket).Select(i => (Market: m, Id: ProviderId(m, i)))).ToList();

        var built = Build(dataDir, providers, target, batchesPerBlock);
        Console.WriteLine(Invariant($"load average at measurement: {LoadAverage()}"));

        var options = new NodeOptions { DataDir = dataDir, NodeId = "bench-node", MempoolCapacity = 1_000 };
        var started = Stopwatch.GetTimestamp();
        using var chain = ChainService.Open(options, new NodeMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())), NullLoggerFactory.Instance, TimeProvider.System);
        Console.WriteLine(Invariant($"opened the node's chain at height {chain.Head.Height:N0} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        var metrics = new ReceiptsMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        var emitters = new EmitterRegistry(TimeProvider.System);
        using var resetter = new ValidationStateResetter(emitters, options, NullLoggerFactory.Instance);
        var admission = new ReceiptAdmission(chain, metrics, NullLoggerFactory.Instance);
        using var gate = new RpcConcurrencyGate(1);
        var methods = new ReceiptsRpcMethods(chain, metrics, emitters, admission, new ReceiptRevalidation(chain), resetter, gate).Methods().ToDictionary(m => m.Name, StringComparer.Ordinal);

        var stats = methods[ReceiptsRpc.Stats.Method];
        var statsMarket = ReceiptsRpc.Stats.ParamName(nameof(ReceiptStatsParams.Market));
        Measure("receipts.stats --market all", statsQueries, stats, () => $$"""{"{{statsMarket}}":"all"}""");
        Measure("receipts.stats --market storage", statsQueries, stats, () => $$"""{"{{statsMarket}}":"storage"}""");

        var list = methods[ReceiptsRpc.List.Method];
        var market = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Market));
        var provider = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Provider));
        var fromBlock = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.FromBlock));
        var limit = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Limit));
        var cursor = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Cursor));
        var random = new Random(11);
        var head = chain.Head.Height;
        var perMarket = built / (ulong)Markets.Length;
        string MarketName() => ServiceMarkets.Name(Markets[random.Next(Markets.Length)]);
        string Cursor() => random.NextInt64(200, (long)Math.Max(201, built)).ToString(CultureInfo.InvariantCulture);
        Measure("receipts.list --market M --limit 100 (newest page)", queries, list, () => $$"""{"{{market}}":"{{MarketName()}}","{{limit}}":100}""");
        Measure("receipts.list --market M --limit 100 (random cursor)", queries, list, () => $$"""{"{{market}}":"{{MarketName()}}","{{limit}}":100,"{{cursor}}":"{{Cursor()}}"}""");
        Measure("receipts.list --market M --provider P --limit 100 (newest page)", queries, list, () =>
        {
            var (m, id) = providers[random.Next(providers.Count)];
            return $$"""{"{{market}}":"{{ServiceMarkets.Name(m)}}","{{provider}}":"{{id}}","{{limit}}":100}""";
        });
        Measure("receipts.list --market M --provider P --limit 100 (random cursor)", queries, list, () =>
        {
            var (m, id) = providers[random.Next(providers.Count)];
            return $$"""{"{{market}}":"{{ServiceMarkets.Name(m)}}","{{provider}}":"{{id}}","{{limit}}":100,"{{cursor}}":"{{Cursor()}}"}""";
        });
        Measure("receipts.list --market M --from-block N --limit 100 (N random)", queries, list, () =>
            $$"""{"{{market}}":"{{MarketName()}}","{{fromBlock}}":{{random.NextInt64(1, (long)head + 1)}},"{{limit}}":100}""");
        Measure("receipts.list --market M --provider P --from-block N --limit 100 (N random)", queries, list, () =>
        {
            var (m, id) = providers[random.Next(providers.Count)];
            return $$"""{"{{market}}":"{{ServiceMarkets.Name(m)}}","{{provider}}":"{{id}}","{{fromBlock}}":{{random.NextInt64(1, (long)head + 1)}},"{{limit}}":100}""";
        });
        Console.WriteLine(Invariant($"{perMarket:N0} receipts per market; load average after: {LoadAverage()}"));
        return 0;
    }

    /// <summary>
    /// The chain under <paramref name="dataDir"/> with at least <paramref name="target"/> receipts (rounded up to whole
    /// blocks), building or extending it; returns how many it holds. Receipt k goes in batch k / 200, whose provider is
    /// batch mod providers; a provider's nonces count up by one, so they follow from k and a rerun needs no state of its own.
    /// </summary>
    private static ulong Build(string dataDir, List<(ServiceMarket Market, string Id)> providers, ulong target, int batchesPerBlock)
    {
        var databasePath = NodeDataDirectory.DatabasePath(dataDir);
        var progressPath = Path.Combine(dataDir, ProgressFile);
        var keys = providers.Select(p => TestKeys.KeyFor("bench/receipts/" + p.Id)).ToArray();
        using var carrier = TestKeys.KeyFor("bench/receipts/carrier");
        using var buyer = TestKeys.KeyFor("bench/receipts/buyer");
        using var owner = TestKeys.KeyFor("bench/receipts/owner");
        var validatorPath = NodeDataDirectory.ValidatorKeyPath(dataDir);
        var fresh = !File.Exists(progressPath);
        if (fresh && Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }

        using var validator = SigningKey.FromSeed(fresh ? KeyFile.Generate(validatorPath) : KeyFile.Read(validatorPath));
        if (fresh)
        {
            // Blocks are stamped one interval apart from a genesis far enough back that even ten million receipts end before now.
            var genesis = DevnetGenesis.Create(validator.PublicKey, [carrier.Address, buyer.Address, owner.Address], DevnetGenesis.DefaultEpochLength, DevnetGenesis.DefaultBlockIntervalMs,
                (ulong)DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds());
            ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        }

        using var chain = StoredTestChain.Open(databasePath, validator);
        if (fresh)
        {
            chain.CommitAll([.. providers.Select((p, i) => chain.SignNext(owner, new MarketProviderRegisterPayload(p.Market, p.Id, keys[i].PublicKey, Stake)))]);
            chain.CommitAll([.. providers.Select(p => chain.SignNext(buyer, new AgreementOpenPayload(p.Market, p.Id, UnitPrice, Deposit)))]);
            File.WriteAllText(progressPath, "0");
        }

        var agreements = chain.State.Agreements().Where(a => a.Buyer == buyer.Address).ToDictionary(a => a.ProviderId, a => a.AgreementId, StringComparer.Ordinal);
        var count = ulong.Parse(File.ReadAllText(progressPath), CultureInfo.InvariantCulture);
        var perBlock = (ulong)(batchesPerBlock * BatchSize);
        var createdAt = (ulong)DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        if (count >= target)
        {
            Console.WriteLine(Invariant($"reusing {dataDir}: {count:N0} receipts at height {chain.State.Height:N0}"));
            chain.Close();
            return count;
        }

        Console.WriteLine(Invariant($"building {target - count:N0} more receipts in blocks of {perBlock:N0} into {dataDir} (load average {LoadAverage()})"));
        var started = Stopwatch.GetTimestamp();
        var (signing, applying, committing) = (0.0, 0.0, 0.0);
        var next = Task.Run(() => SignBlock(count));
        while (count < target)
        {
            var t = Stopwatch.GetTimestamp();
            var batches = next.GetAwaiter().GetResult();
            signing += Stopwatch.GetElapsedTime(t).TotalSeconds;
            var after = count + perBlock;
            next = after < target ? Task.Run(() => SignBlock(after)) : Task.FromResult(Array.Empty<ReceiptBatchPayload>());
            var transactions = batches.Select(batch => chain.SignNext(carrier, batch)).ToList();
            t = Stopwatch.GetTimestamp();
            var proposed = chain.ProposeIncluding(transactions);
            applying += Stopwatch.GetElapsedTime(t).TotalSeconds;
            t = Stopwatch.GetTimestamp();
            chain.Commit(proposed);
            committing += Stopwatch.GetElapsedTime(t).TotalSeconds;
            count = after;
            File.WriteAllText(progressPath, count.ToString(CultureInfo.InvariantCulture));
            if (chain.State.Height % 20 == 0 || count >= target)
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                Console.WriteLine(Invariant(
                    $"  {count:N0} receipts, height {chain.State.Height:N0}, {elapsed:0} s: waiting for signatures {signing:0} s, propose (verify + apply) {applying:0} s, commit {committing:0} s; load average {LoadAverage()}"));
            }
        }

        Console.WriteLine(Invariant($"built in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s"));
        chain.Close();
        var bytes = new FileInfo(databasePath).Length + (File.Exists(databasePath + "-wal") ? new FileInfo(databasePath + "-wal").Length : 0);
        Console.WriteLine(Invariant($"database {bytes / 1_048_576.0:N0} MiB (with its WAL) for {count:N0} receipts: {(double)bytes / count:0.0} bytes a receipt in all (blocks, events, journal, state, index)"));
        return count;

        ReceiptBatchPayload[] SignBlock(ulong first)
        {
            var receipts = new MarketReceipt[batchesPerBlock * BatchSize];
            Parallel.For(0, receipts.Length, i =>
            {
                var k = first + (ulong)i;
                var batch = k / BatchSize;
                var p = (int)(batch % (ulong)providers.Count);
                var nonce = (batch / (ulong)providers.Count * BatchSize) + (k % BatchSize) + 1;
                var (market, id) = providers[p];
                receipts[i] = new MarketReceipt(market, id, agreements[id], 1 + (k % 7), nonce, createdAt + (k / 5_000), ReceiptsFields(market, k), default).SignedWith(keys[p]);
            });
            return [.. receipts.Chunk(BatchSize).Select(chunk => new ReceiptBatchPayload(chunk))];
        }
    }

    private static IReadOnlyList<ReceiptField> ReceiptsFields(ServiceMarket market, ulong k) => market switch
    {
        ServiceMarket.Storage => [ReceiptField.Of("contract_id", Invariant($"contract-{k % 5_000}")), ReceiptField.Of("bytes", 1_048_576 + (k % 4_096)), ReceiptField.Of("duration_seconds", 3_600)],
        ServiceMarket.Compute => [ReceiptField.Of("job_id", Invariant($"job-{k % 100_000}")), ReceiptField.Of("compute_units", 1 + (k % 500))],
        _ => [ReceiptField.Of("campaign_id", Invariant($"campaign-{k % 300}")), ReceiptField.Of("impressions", 100 + (k % 5_000)), ReceiptField.Of("clicks", k % 50)],
    };

    private static string ProviderId(ServiceMarket market, int index) => Invariant($"{ServiceMarkets.Name(market)}_bench_{index:000}");

    private static void Measure(string name, int queries, RpcMethod method, Func<string> parameters)
    {
        var latencies = new double[queries];
        var (handler, serialize) = (0.0, 0.0);
        var (bytes, items) = (0L, 0L);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        for (var i = -Math.Min(10, queries); i < queries; i++)
        {
            var request = new RpcParams(JsonElement.Parse(parameters()));
            var call = Stopwatch.GetTimestamp();
            var outcome = method.Handler(request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var handled = Stopwatch.GetTimestamp();
            var result = outcome.IsOk ? outcome.Result : throw new InvalidOperationException($"{name} failed: {outcome.Error?.Message}");
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                JsonSerializer.Serialize(writer, result.Value, result.TypeInfo);
            }

            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(call).TotalMilliseconds;
                handler += Stopwatch.GetElapsedTime(call, handled).TotalMilliseconds;
                serialize += Stopwatch.GetElapsedTime(handled).TotalMilliseconds;
                bytes += buffer.WrittenCount;
                items += result.Value is ReceiptList page ? page.Receipts.Count : 1;
            }
        }

        Array.Sort(latencies);
        Console.WriteLine(Invariant(
            $"{name}: {queries} calls ({items / (double)queries:0} items, {bytes / queries / 1024.0:0.0} KiB of JSON each): p50 {Percentile(latencies, 50):0.00} ms, p95 {Percentile(latencies, 95):0.00} ms, p99 {Percentile(latencies, 99):0.00} ms, max {latencies[^1]:0.00} ms; mean split: handler {handler / queries:0.00} ms, JSON {serialize / queries:0.00} ms; load average {LoadAverage()}"));
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static ulong Number(string[] args, string name, ulong defaultValue) =>
        Text(args, name) is { } text ? ulong.Parse(text, CultureInfo.InvariantCulture) : defaultValue;
}
