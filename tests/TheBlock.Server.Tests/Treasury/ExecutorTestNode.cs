using Microsoft.Data.Sqlite;
using Prometheus;
using TheBlock.Client;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Treasury;
using TheBlock.Storage;

namespace TheBlock.Server.Tests.Treasury;

/// <summary>
/// A node's chain service and treasury executor on a real database whose chain already holds <c>queued</c> queued
/// disbursements (ids 1…queued, no dependencies) and a live executor lease held by this node, built with the real
/// block executor. Blocks are produced only when a test says so; every log line is captured.
/// </summary>
internal sealed class ExecutorTestNode : IDisposable
{
    public const string NodeId = "test-node";
    public const ulong SetupLeaseTtlSeconds = 400;
    public const ulong Amount = 1_000;

    private ExecutorTestNode(string dataDir, ChainService chain, TreasuryExecutor executor, CapturingLoggerFactory logs)
    {
        DataDir = dataDir;
        Chain = chain;
        Executor = executor;
        Logs = logs;
    }

    public string DataDir { get; }

    public ChainService Chain { get; }

    public TreasuryExecutor Executor { get; }

    public CapturingLoggerFactory Logs { get; }

    /// <param name="maxBlockTransactions">the genesis limit; 1 lets a test include one payout and not the next.</param>
    /// <param name="configure">changes to the node's options before the chain opens.</param>
    public static ExecutorTestNode Create(int queued, int maxBlockTransactions = 100, Action<NodeOptions>? configure = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("theblock-executor-test-").FullName;
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(dataDir));
        using var validator = SigningKey.FromSeed(validatorSeed);
        using var member = TestKeys.KeyFor("executor-test/council");
        var devnet = DevnetGenesis.Create(validator.PublicKey, [member.Address], 1, 100, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000);
        var genesis = devnet with { Parameters = devnet.Parameters with { MaxBlockTransactions = maxBlockTransactions } };
        ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        // Blocks carry the wall clock's time: the executor under test reads it to judge its lease.
        using (var setup = StoredTestChain.Open(NodeDataDirectory.DatabasePath(dataDir), validator, TimeProvider.System))
        {
            var grant = new DisbursementProposal(
                "executor test grant", string.Empty, member.Address, Amount, 0, string.Empty, 0, [], [], VoteWindowEpochs: 6, TimelockEpochs: 0, RollbackWindowEpochs: 50);
            QueuedDisbursements.Commit(setup, member, [.. Enumerable.Repeat(grant, queued)], validator, NodeId, SetupLeaseTtlSeconds, expectedQueued: queued);
        }

        var options = new NodeOptions { DataDir = dataDir, NodeId = NodeId, ExecutorLeaseTtlSeconds = 600 };
        configure?.Invoke(options);
        var factory = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry());
        var logs = new CapturingLoggerFactory();
        var chain = ChainService.Open(options, new NodeMetrics(factory), logs, TimeProvider.System);
        var executor = new TreasuryExecutor(chain, new TreasuryMetrics(factory), options, TimeProvider.System, logs);
        return new ExecutorTestNode(dataDir, chain, executor, logs);
    }

    /// <summary>Produces a block and fails the test when storage refused it.</summary>
    public BlockEffects ProduceBlock() => Chain.ProduceBlock() ?? throw new InvalidOperationException("the block was not committed");

    public void Dispose()
    {
        Executor.Dispose();
        Chain.Dispose();
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(DataDir);
    }
}
