using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Storage.Modules;
using TheBlock.Storage.Treasury;

namespace TheBlock.Storage.Tests.Modules;

/// <summary>
/// The seam is real: a module defined here, with no core file edited, runs on a chain stored in the real SQLite
/// database — its transactions, end-of-block step, escrow, events, invariant and query table — and survives a restart.
/// </summary>
public sealed class CounterModuleTests : IDisposable
{
    private static readonly StorageModules WithCounter =
        new(new ChainModules([new TreasuryModule(), new CounterModule()]), [new TreasuryTables(), new CounterTables()]);

    private readonly TempDirectory _directory = new("theblock-counter-");
    private readonly Genesis _genesis = TestGenesis.Create();
    private readonly SigningKey _user = TestKeys.Key(1);
    private readonly SigningKey _validator = TestKeys.KeyFor("validator");
    private ulong _timeMs = TestGenesis.GenesisTimeMs;

    public void Dispose()
    {
        _user.Dispose();
        _validator.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void A_module_defined_in_the_tests_runs_on_a_stored_chain_and_survives_a_restart()
    {
        var path = _directory.File("chain.db");
        var genesisJson = GenesisFile.Serialize(_genesis);
        Hash32 root;
        using (var database = ChainDatabase.Open(path, modules: WithCounter))
        {
            var (state, genesisBlock) = ChainState.CreateGenesis(_genesis, GenesisFile.Hash(genesisJson), WithCounter.Chain);
            database.Initialize(genesisJson, genesisBlock);
            var before = state.GetAccount(_user.Address).Balance;

            var first = Produce(database, state, Increment(1, 5), Increment(2, 7));
            Produce(database, state);

            Assert.Equal(2, first.Block.Transactions.Count);
            Assert.Equal(12UL, CounterModule.Read(state, CounterModule.CountKey));
            Assert.Equal(2UL, CounterModule.Read(state, CounterModule.BlocksKey));
            Assert.Equal(12UL, state.SystemBalance(new SystemBalanceKey(CounterModule.Jar, SubLedger.Ct)));
            Assert.Equal(before - 12, state.GetAccount(_user.Address).Balance);
            Assert.Equal(
                [new EmittedEvent(0, new CounterIncremented(5, 5)), new EmittedEvent(1, new CounterIncremented(7, 12))],
                first.Effects.Events);
            Assert.Equal(first.Effects.Events, database.Reader.ReadEvents(1));
            Assert.NotEqual(BlockEvents.ReceiptsRoot(2, []), first.Block.Header.ReceiptsRoot);
            state.VerifyConservation();

            // A replica that applies the stored block reaches the same state root.
            var replica = ChainState.CreateGenesis(_genesis, GenesisFile.Hash(genesisJson), WithCounter.Chain).State;
            var replayed = BlockExecutor.Apply(replica, database.Reader.GetBlock(1)!.Block, signaturesVerified: false);
            Assert.Equal(first.Effects.StateRoot, replayed.StateRoot);
            root = state.StateRoot;
        }

        using var reopened = ChainDatabase.Open(path, modules: WithCounter);
        var loaded = reopened.LoadState(_genesis);
        Assert.Equal(root, loaded.StateRoot);
        Assert.Equal(12UL, CounterModule.Read(loaded, CounterModule.CountKey));
        Assert.Equal(new IncrementPayload(5), reopened.Reader.GetBlock(1)!.Block.Transactions[0].Payload);
    }

    [Fact]
    public void A_zero_increment_is_refused_with_the_modules_reason_and_changes_nothing()
    {
        var state = ChainState.CreateGenesis(_genesis, TestGenesis.DefaultHash, WithCounter.Chain).State;
        var zero = Increment(1, 0);

        Assert.Equal(CounterModule.RejectZero, TransactionExecutor.CheckStateless(zero, _genesis.ChainId, verifySignature: true)?.Reason);
        var proposed = BlockExecutor.Propose(state, [zero], _timeMs + 1000, _validator);
        Assert.Empty(proposed.Block.Transactions);
        Assert.Equal(CounterModule.RejectZero, Assert.Single(proposed.Dropped).Item2.Reason);
        Assert.Empty(proposed.Effects.ChangedSystemBalances);
        Assert.DoesNotContain(proposed.Effects.ChangedState, change => change.Key == CounterModule.CountKey);
        Assert.DoesNotContain(proposed.Effects.ChangedAccounts, account => account.Key == _user.Address);
    }

    [Fact]
    public void A_chain_without_the_module_does_not_decode_its_transactions()
    {
        var bytes = Increment(1, 5).Encoded.ToArray();

        var error = Assert.Throws<FormatException>(() => Transaction.Decode(bytes, StandardChain.Modules));
        Assert.Equal("unknown transaction kind 192", error.Message);
        Assert.Equal(new IncrementPayload(5), Transaction.Decode(bytes, WithCounter.Chain).Payload);
    }

    [Fact]
    public void Modules_that_do_not_fit_together_are_refused_when_the_chain_is_assembled()
    {
        var clash = Assert.Throws<ArgumentException>(() => new ChainModules([new TreasuryModule(), new TreasuryModule()]));
        Assert.Contains("two modules are named \"treasury\"", clash.Message, StringComparison.Ordinal);
        var orphan = Assert.Throws<ArgumentException>(() => new StorageModules(StandardChain.Modules, [new CounterTables()]));
        Assert.Contains("counter", orphan.Message, StringComparison.Ordinal);
    }

    private Transaction Increment(ulong nonce, ulong by) =>
        Transaction.CreateSigned(_genesis.ChainId, _user, nonce, 0, new IncrementPayload(by));

    private ProposedBlock Produce(ChainDatabase database, ChainState state, params Transaction[] transactions)
    {
        _timeMs += 1000;
        var proposed = BlockExecutor.Propose(state, transactions, _timeMs, _validator);
        database.CommitBlock(proposed.Effects);
        state.Commit(proposed.Effects);
        return proposed;
    }
}
