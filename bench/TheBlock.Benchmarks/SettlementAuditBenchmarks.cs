using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using TheBlock.Benchmarks.Fixtures;
using TheBlock.Protocol.Chain;
using TheBlock.Storage;

namespace TheBlock.Benchmarks;

/// <summary>
/// The settlement audit (<see cref="ChainReader.AuditSettlement"/>, what <c>audit.settlement</c> and
/// <c>the-block audit settlement</c> run) over a stored chain of devnet-sized blocks: 4,999 fee-less transfers each,
/// 10,000 ledger entries per block with the block reward. One operation is one ledger entry read and verified, so the
/// Op/s column is entries per second; two chain lengths show the cost is linear in the range. Target: ≥ 1,000,000
/// entries/s.
/// </summary>
[Config(typeof(ThroughputConfig))]
public class SettlementAuditBenchmarks : IDisposable
{
    public const int TransfersPerBlock = 4_999;
    public const int EntriesPerBlock = (2 * TransfersPerBlock) + 2;
    public const int SmallEntries = 100_000;
    public const int LargeEntries = 1_000_000;

    private readonly List<string> _directories = [];
    private (ChainReader Reader, Genesis Genesis) _small;
    private (ChainReader Reader, Genesis Genesis) _large;

    [GlobalSetup(Target = nameof(Audit100kEntries))]
    public void SetupSmall() => _small = BuildChain(SmallEntries / EntriesPerBlock);

    [GlobalSetup(Target = nameof(Audit1MEntries))]
    public void SetupLarge() => _large = BuildChain(LargeEntries / EntriesPerBlock);

    [Benchmark(OperationsPerInvoke = SmallEntries)]
    public bool Audit100kEntries() => Audit(_small);

    [Benchmark(OperationsPerInvoke = LargeEntries)]
    public bool Audit1MEntries() => Audit(_large);

    [GlobalCleanup]
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }

        _directories.Clear();
        GC.SuppressFinalize(this);
    }

    private static bool Audit((ChainReader Reader, Genesis Genesis) chain)
    {
        var audit = chain.Reader.AuditSettlement(chain.Genesis, null, null).Audit!;
        return audit.Conserved ? true : throw new InvalidOperationException("the benchmark chain does not audit as conserved");
    }

    private (ChainReader, Genesis) BuildChain(int blocks)
    {
        var directory = Directory.CreateTempSubdirectory("theblock-bench-audit-").FullName;
        _directories.Add(directory);
        var path = Path.Combine(directory, "chain.db");
        using var chain = new TransferChain(1_000);
        using (var database = ChainDatabase.Open(path))
        {
            database.Initialize(chain.GenesisJson, chain.GenesisEffects);
            for (var i = 0; i < blocks; i++)
            {
                var effects = chain.ProduceBlock(TransfersPerBlock, fee: 0);
                if (effects.Entries.Count != EntriesPerBlock)
                {
                    throw new InvalidOperationException($"block {effects.Block.Height} made {effects.Entries.Count} ledger entries, not {EntriesPerBlock}");
                }

                database.CommitBlock(effects);
            }
        }

        SqliteConnection.ClearAllPools();
        return (ChainReader.OpenReadOnly(path), chain.Genesis);
    }
}
