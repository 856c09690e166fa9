using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace TheBlock.Benchmarks.Energy;

/// <summary>One block per operation, a few hundred milliseconds each: a handful of iterations and the median and P95 that matter.</summary>
public sealed class SettlementConfig : ManualConfig
{
    public SettlementConfig()
    {
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1).WithId("Settlement"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
