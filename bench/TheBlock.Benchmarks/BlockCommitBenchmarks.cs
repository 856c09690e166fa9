using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using TheBlock.Benchmarks.Fixtures;
using TheBlock.Protocol.Chain;
using TheBlock.Storage;

namespace TheBlock.Benchmarks;

/// <summary>
/// (4) Durable commit of one block of 5,000 transfers: <see cref="ChainDatabase.CommitBlock"/> on a real SQLite file
/// (WAL, synchronous=FULL) that already holds <see cref="HistoryBlocks"/> such blocks. Each invocation commits the
/// next block of a pre-built chain, once: there is no steady state to repeat, so the job measures every commit
/// (one invocation per iteration) and the median is the figure. Target: median &lt; 50 ms.
/// <list type="bullet">
/// <item><see cref="CommitBlock"/>: one block per <see cref="BlockInterval"/>, as a node commits them; the background
/// WAL checkpoint of the previous block has finished.</item>
/// <item><see cref="CommitBlockBackToBack"/>: blocks committed as fast as storage takes them, so each commit also
/// competes with the previous block's checkpoint: the sustained rate.</item>
/// </list>
/// </summary>
[Config(typeof(Config))]
public class BlockCommitBenchmarks : IDisposable
{
    public const int Transfers = 5_000;
    public const int Senders = 1_000;
    public const int HistoryBlocks = 10;

    /// <summary>The devnet's block interval: the pause before each paced commit (not measured).</summary>
    public static readonly TimeSpan BlockInterval = TimeSpan.FromMilliseconds(1_000);

    private const int WarmupCount = 3;
    private const int IterationCount = 20;

    private readonly Queue<BlockEffects> _pending = new();
    private TransferChain? _chain;
    private ChainDatabase? _database;
    private string? _directory;

    /// <summary>0: 2 ledger entries per transfer (CLI default); 1: 4 (the fee is debited and paid to the producer).</summary>
    [Params(0UL, 1UL)]
    public ulong Fee { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("theblock-bench-commit-").FullName;
        _chain = new TransferChain(Senders);
        _database = ChainDatabase.Open(Path.Combine(_directory, "chain.db"));
        _database.Initialize(_chain.GenesisJson, _chain.GenesisEffects);
        for (var i = 0; i < HistoryBlocks; i++)
        {
            _database.CommitBlock(_chain.ProduceBlock(Transfers, Fee));
        }

        // One invocation to JIT, then warm-up and measured iterations, plus spares.
        for (var i = 0; i < 1 + WarmupCount + IterationCount + 3; i++)
        {
            _pending.Enqueue(_chain.ProduceBlock(Transfers, Fee));
        }
    }

    [IterationSetup(Target = nameof(CommitBlock))]
    public void WaitForTheNextBlockInterval() => Thread.Sleep(BlockInterval);

    [Benchmark]
    public void CommitBlock() => _database!.CommitBlock(NextBlock());

    [Benchmark]
    public void CommitBlockBackToBack() => _database!.CommitBlock(NextBlock());

    private BlockEffects NextBlock() =>
        _pending.TryDequeue(out var effects) ? effects : throw new InvalidOperationException("the pre-built blocks ran out: raise the spare count in Setup");

    [GlobalCleanup]
    public void Dispose()
    {
        _database?.Dispose();
        _database = null;
        _chain?.Dispose();
        _chain = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithWarmupCount(WarmupCount)
                .WithIterationCount(IterationCount)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("Commit"));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P90, BenchmarkDotNet.Columns.StatisticColumn.Max);
        }
    }
}
