using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace TheBlock.Benchmarks;

/// <summary>
/// Short, steady-state runs (about 10 s per benchmark) that report operations per second: with
/// <c>OperationsPerInvoke</c> set to the block size, one operation is one transfer or one signature.
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("Throughput"));
        AddColumn(StatisticColumn.OperationsPerSecond, StatisticColumn.Median);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
