using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using TheBlock.Benchmarks.Fixtures;
using TheBlock.Server.Node;
using TheBlock.Server.Treasury;

namespace TheBlock.Benchmarks.Treasury;

/// <summary>
/// One treasury executor tick with 10,000 queued disbursements, half of them blocked by a dependency, on a real node
/// chain service: read the stored counts, plan the whole queue, hold the lease, follow the previous tick's payouts, and
/// submit this tick's (at most <see cref="NodeOptions.ExecutorMaxPayoutsPerTick"/>, signed and admitted to the
/// mempool). As on a node, a block (not measured) is produced before each tick and includes the previous payouts.
/// Target: &lt; 50 ms.
/// <see cref="Plan"/> is the planning step alone.
/// </summary>
[Config(typeof(Config))]
public class ExecutorTickBenchmarks : IDisposable
{
    public const int Queued = 10_000;

    private TreasuryBacklog? _backlog;
    private TreasuryView? _view;

    [GlobalSetup]
    public void Setup()
    {
        _backlog = TreasuryBacklog.Create(Queued);
        _view = _backlog.Chain.TreasuryView();
    }

    [IterationSetup(Target = nameof(Tick))]
    public void ProduceBlock() => _backlog!.Chain.ProduceBlock();

    [Benchmark]
    public void Tick() => _backlog!.Executor.Tick();

    [Benchmark]
    public PayoutPlan Plan() => PayoutPlanner.Plan(_view!, _backlog!.Chain.DisbursementStateOf, new HashSet<ulong>());

    [GlobalCleanup]
    public void Dispose()
    {
        _backlog?.Dispose();
        _backlog = null;
        GC.SuppressFinalize(this);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithWarmupCount(3)
                .WithIterationCount(30)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("Tick"));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95, BenchmarkDotNet.Columns.StatisticColumn.Max);
        }
    }
}
