using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Treasury;
using TheBlock.Storage;

namespace TheBlock.Benchmarks.Treasury;

/// <summary>
/// A devnet-like node data directory whose chain holds <c>count</c> queued disbursements, half of them blocked by a
/// dependency that never matures, built with the real block executor and committed to a real database; then the node's
/// chain service and treasury executor opened on it, as a running node has them.
/// </summary>
public sealed class TreasuryBacklog : IDisposable
{
    public const string NodeId = "bench-node";
    private const ulong EpochLength = 1;
    private const ulong FarFutureEpoch = 1_000_000_000;

    private TreasuryBacklog(string dataDir, ChainService chain, TreasuryExecutor executor)
    {
        DataDir = dataDir;
        Chain = chain;
        Executor = executor;
    }

    public string DataDir { get; }

    public ChainService Chain { get; }

    public TreasuryExecutor Executor { get; }

    public static TreasuryBacklog Create(int count)
    {
        var dataDir = Directory.CreateTempSubdirectory("theblock-bench-treasury-").FullName;
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(dataDir));
        using var validator = SigningKey.FromSeed(validatorSeed);
        using var member = TestKeys.KeyFor("bench/council");
        var genesis = DevnetGenesis.Create(validator.PublicKey, [member.Address], EpochLength, DevnetGenesis.DefaultBlockIntervalMs, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000);
        ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        // Blocks carry the wall clock's time: the executor reads it to judge its lease.
        using (var setup = StoredTestChain.Open(NodeDataDirectory.DatabasePath(dataDir), validator, TimeProvider.System))
        {
            // Disbursement 1 waits for a far-off epoch: whatever depends on it stays blocked.
            var proposals = new List<DisbursementProposal> { Proposal(member, [], FarFutureEpoch) };
            proposals.AddRange(Enumerable.Range(0, count).Select(i => Proposal(member, i % 2 == 0 ? [1UL] : [], 0)));
            QueuedDisbursements.Commit(setup, member, proposals, validator, NodeId, genesis.Governance.MaxLeaseTtlSeconds, expectedQueued: count);
        }

        var options = new NodeOptions { DataDir = dataDir, NodeId = NodeId, MempoolCapacity = 1_000_000, ExecutorLeaseTtlSeconds = genesis.Governance.MaxLeaseTtlSeconds };
        var factory = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry());
        var chain = ChainService.Open(options, new NodeMetrics(factory), NullLoggerFactory.Instance, TimeProvider.System);
        var executor = new TreasuryExecutor(chain, new TreasuryMetrics(factory), options, TimeProvider.System, NullLoggerFactory.Instance);
        return new TreasuryBacklog(dataDir, chain, executor);
    }

    public void Dispose()
    {
        Executor.Dispose();
        Chain.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }

    private static DisbursementProposal Proposal(SigningKey member, IReadOnlyList<ulong> deps, ulong scheduledEpoch) =>
        new("bench grant", string.Empty, member.Address, 1, 0, string.Empty, scheduledEpoch, [], deps, VoteWindowEpochs: 6, TimelockEpochs: 0, RollbackWindowEpochs: null);
}
