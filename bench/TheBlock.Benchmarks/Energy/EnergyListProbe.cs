using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Devnet;
using TheBlock.Server.Energy;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;
using TheBlock.Storage.Energy;

namespace TheBlock.Benchmarks.Energy;

/// <summary>
/// <c>energy credits list --status pending --limit 1000</c> and <c>energy market</c> against a node data directory whose
/// chain state holds many registered providers (committed by real registration transactions) and whose energy_credits
/// table holds many credits, measured the way the node serves them: the node's own RPC handler (query or state read,
/// view mapping) and the JSON serialization of its result. The credit rows are written straight into the table after the
/// chain is opened (they are not a valid chain: the start-up check would refuse them; only the listing is measured).
/// Reports latency percentiles over sequential calls; credit pages start at random cursors.
/// </summary>
public static class EnergyListProbe
{
    public const string Usage = "energy-lists [--providers 10000] [--credits 1000000] [--settled-every 5] [--queries 1000] [--market-queries 300] [--market-cold-queries 100]";

    private const int PageSize = 1_000;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args)
    {
        var providers = Option(args, "--providers", 10_000);
        var credits = Option(args, "--credits", 1_000_000);
        var settledEvery = Option(args, "--settled-every", 5);
        var queries = Option(args, "--queries", 1_000);
        var marketQueries = Option(args, "--market-queries", 300);
        var coldQueries = Option(args, "--market-cold-queries", 100);
        var dataDir = Directory.CreateTempSubdirectory("theblock-bench-energy-lists-").FullName;
        try
        {
            var started = Stopwatch.GetTimestamp();
            RegisterProviders(dataDir, providers);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registered {providers:N0} providers in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

            var options = new NodeOptions { DataDir = dataDir, NodeId = "bench-node", MempoolCapacity = 1_000 };
            using var chain = ChainService.Open(options, new NodeMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())), NullLoggerFactory.Instance, TimeProvider.System);
            started = Stopwatch.GetTimestamp();
            var open = FillCredits(NodeDataDirectory.DatabasePath(dataDir), providers, credits, settledEvery);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {credits:N0} credits ({open.PendingCredits:N0} pending) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

            var totals = new EnergyMarketTotals();
            totals.Reset(open);
            var methods = new EnergyRpcMethods(chain, totals, TimeProvider.System).Methods().ToDictionary(m => m.Name, StringComparer.Ordinal);
            var random = new Random(7);
            var list = methods[EnergyRpc.CreditsList.Method];
            var status = EnergyRpc.CreditsList.ParamName(nameof(CreditListParams.Status));
            var limit = EnergyRpc.CreditsList.ParamName(nameof(CreditListParams.Limit));
            var before = EnergyRpc.CreditsList.ParamName(nameof(CreditListParams.BeforeId));
            Measure("energy.credits.list --status pending --limit 1000", queries, list, () =>
                $$"""{"{{status}}":"pending","{{limit}}":{{PageSize}},"{{before}}":{{random.NextInt64(Math.Min(PageSize * 2, credits), credits + 1)}}}""");
            var market = methods[EnergyRpc.Market.Method];
            Measure($"energy.market ({providers:N0} providers), repeated within a block", marketQueries, market, () => "{}");

            // The node rebuilds the market's provider views once per block: the first call after each commit pays for it.
            Measure($"energy.market ({providers:N0} providers), first call after a commit", coldQueries, market, () => "{}", before: () => chain.ProduceBlock());
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static void Measure(string name, int queries, RpcMethod method, Func<string> parameters, Action? before = null)
    {
        var latencies = new double[queries];
        var (handler, serialize) = (0.0, 0.0);
        var bytes = 0L;
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        for (var i = -Math.Min(10, queries); i < queries; i++)
        {
            before?.Invoke();
            var request = new RpcParams(JsonElement.Parse(parameters()));
            var call = Stopwatch.GetTimestamp();
            var outcome = method.Handler(request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var handled = Stopwatch.GetTimestamp();
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                var result = outcome.Result;
                JsonSerializer.Serialize(writer, result.Value, result.TypeInfo);
            }

            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(call).TotalMilliseconds;
                handler += Stopwatch.GetElapsedTime(call, handled).TotalMilliseconds;
                serialize += Stopwatch.GetElapsedTime(handled).TotalMilliseconds;
                bytes += buffer.WrittenCount;
            }
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {queries} calls ({bytes / queries / 1024:N0} KiB of JSON each): p50 {Percentile(latencies, 50):0.00} ms, p95 {Percentile(latencies, 95):0.00} ms, p99 {Percentile(latencies, 99):0.00} ms, max {latencies[^1]:0.00} ms; mean split: handler (read + views) {handler / queries:0.00} ms, JSON {serialize / queries:0.00} ms"));
    }

    /// <summary>A devnet-like data directory whose state holds <paramref name="count"/> providers, each registered by a real transaction.</summary>
    private static void RegisterProviders(string dataDir, int count)
    {
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(dataDir));
        using var validator = SigningKey.FromSeed(validatorSeed);
        using var owner = TestKeys.KeyFor("bench/energy-owner");
        using var offtaker = TestKeys.KeyFor("bench/energy-offtaker");
        using var meterKey = TestKeys.KeyFor("bench/energy-meter");
        var genesis = DevnetGenesis.Create(validator.PublicKey, [owner.Address, offtaker.Address], DevnetGenesis.DefaultEpochLength, DevnetGenesis.DefaultBlockIntervalMs, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000);
        ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        using var setup = StoredTestChain.Open(NodeDataDirectory.DatabasePath(dataDir), validator);
        var stake = EnergyParameters.Of(genesis).MinStake;
        var registrations = Enumerable.Range(0, count).Select(i => setup.SignNext(owner, new ProviderRegisterPayload(
            ProviderId(i),
            meterKey.PublicKey,
            new ProviderTerms(["meter_001", "meter_002"], 10_000 + (ulong)(i % 900), 2 + (ulong)(i % 7), Jurisdictions[i % Jurisdictions.Length], offtaker.Address),
            stake))).ToList();
        setup.CommitAll(registrations);
        setup.Close();
    }

    private static readonly string[] Jurisdictions = ["US-CA", "US-TX", "DE-BY", "FR-IDF", "JP-13"];

    private static string ProviderId(int index) => string.Create(CultureInfo.InvariantCulture, $"provider_{index:000000}");

    private static EnergyOpenTotals FillCredits(string databasePath, int providers, int count, int settledEvery)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO energy_credits (credit_id, provider_id, meter, amount_kwh, price_per_kwh, reading_timestamp, created_at, created_height, status,
                settled_at, settled_height, receipt_id, payment, fee)
            VALUES ($id, $provider, 'meter_001', $kwh, 3, $ts, $ts, $height, $status, $settledAt, $settledHeight, $receipt, $payment, $fee)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var provider = insert.Parameters.Add("$provider", SqliteType.Text);
        var kwh = insert.Parameters.Add("$kwh", SqliteType.Integer);
        var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
        var height = insert.Parameters.Add("$height", SqliteType.Integer);
        var status = insert.Parameters.Add("$status", SqliteType.Text);
        var settledAt = insert.Parameters.Add("$settledAt", SqliteType.Integer);
        var settledHeight = insert.Parameters.Add("$settledHeight", SqliteType.Integer);
        var receipt = insert.Parameters.Add("$receipt", SqliteType.Integer);
        var payment = insert.Parameters.Add("$payment", SqliteType.Integer);
        var fee = insert.Parameters.Add("$fee", SqliteType.Integer);
        var (pending, pendingKwh) = (0UL, 0UL);
        for (var i = 1; i <= count; i++)
        {
            var amount = (ulong)(1 + (i % 40));
            var settled = i % settledEvery == 0;
            id.Value = i;
            provider.Value = ProviderId(i % providers);
            kwh.Value = (long)amount;
            ts.Value = 1_790_000_000L + i;
            height.Value = 10L + (i / 2_000);
            status.Value = CreditStatuses.Name(settled ? CreditStatus.Settled : CreditStatus.Pending);
            settledAt.Value = settled ? 1_790_000_100L + i : DBNull.Value;
            settledHeight.Value = settled ? 20L + (i / 2_000) : DBNull.Value;
            receipt.Value = settled ? i : DBNull.Value;
            payment.Value = settled ? (long)amount * 3 : DBNull.Value;
            fee.Value = settled ? 0L : DBNull.Value;
            insert.ExecuteNonQuery();
            if (!settled)
            {
                pending++;
                pendingKwh += amount;
            }
        }

        transaction.Commit();
        return new EnergyOpenTotals(pending, pendingKwh, 0);
    }

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];

    private static int Option(string[] args, string name, int defaultValue)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : defaultValue;
    }
}
