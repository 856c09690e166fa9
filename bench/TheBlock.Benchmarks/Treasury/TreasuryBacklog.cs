using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
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
        using var member = SigningKey.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes("TheBlock/bench/council")));
        var genesis = DevnetGenesis.Create(validator.PublicKey, [member.Address], EpochLength, DevnetGenesis.DefaultBlockIntervalMs, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000);
        var genesisJson = GenesisFile.Serialize(genesis);
        ChainInitializer.Initialize(dataDir, genesisJson);
        using (var database = ChainDatabase.Open(NodeDataDirectory.DatabasePath(dataDir)))
        {
            var state = database.LoadState(genesis);
            var nonce = 0UL;
            Transaction Sign(SigningKey key, TransactionPayload payload) => Transaction.CreateSigned(genesis.ChainId, key, ++nonce, 0, payload);

            // Disbursement 1 waits for a far-off epoch: whatever depends on it stays blocked.
            var proposals = new List<Transaction> { Sign(member, new DisbursementCreatePayload(Proposal(member, [], FarFutureEpoch))) };
            for (var i = 0; i < count; i++)
            {
                proposals.Add(Sign(member, new DisbursementCreatePayload(Proposal(member, i % 2 == 0 ? [1UL] : [], 0))));
            }

            Commit(database, state, validator, proposals);
            Commit(database, state, validator, [.. Enumerable.Range(1, count + 1).Select(id => Sign(member, new VotePayload((ulong)id, VoteChoice.Yes)))]);
            var validatorNonce = 0UL;
            var lease = Transaction.CreateSigned(genesis.ChainId, validator, ++validatorNonce, 0, new ExecutorLeasePayload(NodeId, genesis.Governance.MaxLeaseTtlSeconds));
            Commit(database, state, validator, [lease]);
            // Past every vote window (6 one-block epochs after the last create), then one more block to queue.
            for (var i = 0; i < 8; i++)
            {
                Commit(database, state, validator, []);
            }

            var queued = state.Book.ActiveInOrder.Count(d => d.State == DisbursementState.Queued);
            if (queued != count)
            {
                throw new InvalidOperationException($"expected {count} queued disbursements, the chain has {queued}");
            }
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

    /// <summary>Proposes the transactions (all must be included) in blocks of at most the chain's limit, and commits them.</summary>
    private static void Commit(ChainDatabase database, ChainState state, SigningKey validator, List<Transaction> transactions)
    {
        var offset = 0;
        do
        {
            var batch = transactions.Skip(offset).Take(state.Parameters.MaxBlockTransactions).ToList();
            var proposal = BlockExecutor.Propose(state, batch, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), validator);
            if (proposal.Dropped.Count > 0)
            {
                throw new InvalidOperationException($"block {proposal.Block.Height} dropped {proposal.Dropped.Count}: {proposal.Dropped[0].Item2}");
            }

            database.CommitBlock(proposal.Effects);
            state.Commit(proposal.Effects);
            offset += batch.Count;
        }
        while (offset < transactions.Count);
    }
}
