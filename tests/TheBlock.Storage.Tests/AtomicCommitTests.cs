using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Storage.Tests;

/// <summary>A block commits with everything it changed, or not at all.</summary>
public class AtomicCommitTests
{
    private static (long Blocks, long Journals, long Accounts, long Values) Counts(StoredTestChain chain) =>
        (chain.Count("blocks"), chain.Count("ledger_journal"), chain.Count("accounts"), chain.Count("chain_values"));

    [Fact]
    public void Committing_the_same_block_twice_fails_and_leaves_the_database_at_that_block()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);
        var proposed = chain.ProposeAndCommit(chain.Transfer(0, chain.AddressOf(1), 10));
        var counts = Counts(chain);

        Assert.ThrowsAny<Exception>(() => chain.Database.CommitBlock(proposed.Effects));

        Assert.Equal(counts, Counts(chain));
        Assert.Equal(3UL, chain.Database.Reader.GetHeadHeight());
        Assert.Equal(chain.State.StateRoot, TestGenesis.Load(chain.Database, chain.Genesis).StateRoot);
    }

    [Fact]
    public void A_commit_that_fails_halfway_leaves_no_trace_of_the_block()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);
        var counts = Counts(chain);
        var accountBefore = chain.Database.Reader.GetAccount(chain.AddressOf(0));
        var good = chain.Propose(chain.Transfer(0, chain.AddressOf(1), 10));

        // The block and its transactions insert fine; a balance SQLite cannot hold fails after the first account row.
        var failing = good.Effects with
        {
            Changes = good.Effects.Changes with
            {
                ChangedAccounts = [new(chain.AddressOf(0), new Account(1, 9)), new(TestKeys.Stranger(0), new Account(ulong.MaxValue, 0))],
            },
        };

        Assert.ThrowsAny<Exception>(() => chain.Database.CommitBlock(failing));

        Assert.Equal(counts, Counts(chain));
        Assert.Equal(2UL, chain.Database.Reader.GetHeadHeight());
        Assert.Null(chain.Database.Reader.FindTransaction(good.Block.Transactions[0].Hash));
        Assert.Equal(accountBefore, chain.Database.Reader.GetAccount(chain.AddressOf(0)));
        Assert.Equal(chain.State.StateRoot, TestGenesis.Load(chain.Database, chain.Genesis).StateRoot);

        // The writer is still usable: the real block commits on top of the previous one.
        chain.Database.CommitBlock(good.Effects);
        chain.State.Commit(good.Effects);
        Assert.Equal(chain.State.StateRoot, chain.Reopen().StateRoot);
        Assert.Equal(3UL, chain.State.Height);
    }

    [Fact]
    public void Initializing_twice_fails_and_keeps_the_first_genesis()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(1);

        Assert.ThrowsAny<Exception>(() => chain.Database.Initialize([.. "{}"u8], chain.GenesisEffects));

        Assert.Equal(chain.GenesisJson, chain.Database.GenesisJson);
        Assert.Equal(1UL, chain.Database.Reader.GetHeadHeight());
    }
}
