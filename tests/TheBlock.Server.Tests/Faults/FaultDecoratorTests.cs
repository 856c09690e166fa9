using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using TheBlock.Client;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Consensus;
using TheBlock.Server.Devnet;
using TheBlock.Server.Faults;
using TheBlock.Server.Node;
using TheBlock.Storage;

namespace TheBlock.Server.Tests.Faults;

/// <summary>
/// Faults reach the chain only through the decorators of its seams, and only when the flag registers them: the
/// storage decorator fails commits and store reads, the inclusion decorator empties blocks, and clearing them heals.
/// </summary>
public sealed class FaultDecoratorTests : IDisposable
{
    private readonly TempDirectory _dataDir = new("theblock-faults-test-");
    private readonly SigningKey _funded = TestKeys.KeyFor("faults-test/funded");
    private readonly FaultInjection _faults = new(allowed: true);
    private readonly CapturingLoggerFactory _logs = new();
    private readonly ChainService _chain;

    public FaultDecoratorTests()
    {
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(_dataDir.Path));
        using (var validator = SigningKey.FromSeed(validatorSeed))
        {
            var genesis = DevnetGenesis.Create(validator.PublicKey, [_funded.Address], 10, 100, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            ChainInitializer.Initialize(_dataDir.Path, GenesisFile.Serialize(genesis));
        }

        var options = new NodeOptions { DataDir = _dataDir.Path, NodeId = "faults-test" };
        var metrics = new NodeMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        _chain = ChainService.Open(options, metrics, _logs, TimeProvider.System, [new FaultDecorator(_faults, _logs)]);
    }

    [Fact]
    public void Without_the_flag_no_decorator_is_registered_and_the_switches_refuse()
    {
        using var off = new ServiceCollection().AddFaultInjection(new NodeOptions()).BuildServiceProvider();
        using var on = new ServiceCollection().AddLogging().AddFaultInjection(new NodeOptions { AllowFaultInjection = true }).BuildServiceProvider();

        Assert.Empty(off.GetServices<IChainDecorator>());
        Assert.False(off.GetRequiredService<FaultInjection>().TrySet(FaultInjection.Storage, true));
        Assert.IsType<FaultDecorator>(Assert.Single(on.GetServices<IChainDecorator>()));
    }

    [Fact]
    public void Failing_storage_refuses_the_commit_and_the_store_reads_until_it_is_cleared()
    {
        _faults.TrySet(FaultInjection.Storage, true);

        Assert.Null(_chain.ProduceBlock());
        Assert.Equal(0UL, _chain.Head.Height);
        Assert.Single(_logs.Messages("BlockCommitFailed height=1 error="));
        Assert.Throws<SqliteException>(() => _chain.ReadStore(reader => reader.GetHeadHeight()));

        _faults.TrySet(FaultInjection.Storage, false);

        Assert.NotNull(_chain.ProduceBlock());
        Assert.Equal(1UL, _chain.Head.Height);
    }

    [Fact]
    public void Stopped_inclusion_produces_empty_blocks_and_keeps_the_transaction_pending()
    {
        var transfer = Transaction.CreateSigned(_chain.Genesis.ChainId, _funded, 1, 0, new TransferPayload(TestKeys.Stranger(0), 5));
        Assert.Null(_chain.Submit(transfer));
        _faults.TrySet(FaultInjection.BlockInclusion, true);

        Assert.Empty(_chain.ProduceBlock()!.Block.Transactions);
        Assert.True(_chain.IsPending(transfer.Hash));

        _faults.TrySet(FaultInjection.BlockInclusion, false);

        Assert.Single(_chain.ProduceBlock()!.Block.Transactions);
        Assert.False(_chain.IsPending(transfer.Hash));
    }

    [Fact]
    public void Failing_block_production_throws_out_of_the_producer_so_the_chain_halts()
    {
        _faults.TrySet(FaultInjection.BlockProduction, true);

        var failure = Assert.Throws<InvalidOperationException>(() => _chain.ProduceBlock());

        Assert.Equal("injected block production failure at height 1 (debug.fault.set block_production)", failure.Message);
        Assert.Equal(SingleValidatorConsensus.ModeName, _chain.ConsensusMode);
    }

    public void Dispose()
    {
        _chain.Dispose();
        _funded.Dispose();
        SqliteConnection.ClearAllPools();
        _dataDir.Dispose();
    }
}
