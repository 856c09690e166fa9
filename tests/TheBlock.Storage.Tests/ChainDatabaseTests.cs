using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage.Tests;

public class ChainDatabaseTests
{
    [Fact]
    public void Initialize_then_LoadState_reproduces_the_genesis_state_root()
    {
        using var chain = StoredTestChain.Create();

        var loaded = TestGenesis.Load(chain.Database, chain.Genesis);

        Assert.True(chain.Database.IsInitialized);
        Assert.Equal(chain.GenesisJson, chain.Database.GenesisJson);
        Assert.Equal(0UL, loaded.Height);
        Assert.Equal(chain.State.StateRoot, loaded.StateRoot);
        Assert.Equal(chain.State.LastBlockHash, loaded.LastBlockHash);
        Assert.Equal(chain.State.Treasury, loaded.Treasury);
        Assert.Equal(chain.State.Supply, loaded.Supply);
    }

    [Fact]
    public void A_new_database_is_not_initialized()
    {
        using var chain = StoredTestChain.Create();
        using var empty = ChainDatabase.Open(Path.Combine(chain.Directory, "nested", "empty.db"));

        Assert.False(empty.IsInitialized);
        Assert.Throws<InvalidOperationException>(() => empty.GenesisJson);
    }

    [Fact]
    public void The_chain_database_runs_in_WAL_mode()
    {
        using var chain = StoredTestChain.Create();
        using var connection = new SqliteConnection($"Data Source={chain.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Committed_blocks_survive_reopening_with_the_same_state_and_head()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(6);
        var before = chain.State;

        var after = chain.Reopen();

        Assert.Equal(6UL, after.Height);
        Assert.Equal(before.StateRoot, after.StateRoot);
        Assert.Equal(before.LastBlockHash, after.LastBlockHash);
        Assert.Equal(before.LastBlockTimeMs, after.LastBlockTimeMs);
        Assert.Equal(before.Treasury, after.Treasury);
        Assert.Equal(before.Supply, after.Supply);
        Assert.Equal(before.Accounts.OrderBy(p => p.Key), after.Accounts.OrderBy(p => p.Key));
        Assert.Equal(chain.Blocks[^1].Hash, chain.Database.Reader.GetHead()!.Block.Hash);
    }

    [Fact]
    public void A_reopened_chain_keeps_growing_from_where_it_stopped()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(3);
        chain.Reopen();

        chain.ProposeAndCommit(chain.Transfer(0, chain.AddressOf(1), 5));
        var reloaded = chain.Reopen();

        Assert.Equal(4UL, reloaded.Height);
        Assert.Equal(chain.Blocks[^1].Header.StateRoot, reloaded.StateRoot);
    }

    [Fact]
    public void Blocks_read_back_byte_for_byte_by_height_and_as_the_head()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(4);
        var reader = chain.Database.Reader;

        foreach (var block in chain.Blocks)
        {
            var stored = reader.GetBlock(block.Height);
            Assert.NotNull(stored);
            Assert.Equal(block.Height, stored.Height);
            Assert.Equal(block.Header.TimeMs, stored.TimeMs);
            Assert.Equal(block.Encode(), stored.Block.Encode());
        }

        Assert.Equal(chain.GenesisEffects.Block.Hash, reader.GetBlock(0)!.Block.Hash);
        Assert.Equal(4UL, reader.GetHeadHeight());
        Assert.Equal(chain.Blocks[^1].Hash, reader.GetHead()!.Block.Hash);
        Assert.Null(reader.GetBlock(5));
    }

    [Theory]
    [InlineData(9_223_372_036_854_775_808UL)]
    [InlineData(ulong.MaxValue)]
    public void Lookups_above_long_max_find_nothing_instead_of_overflowing(ulong key)
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(1);
        var reader = chain.Database.Reader;

        Assert.Null(reader.GetBlock(key));
        Assert.Null(reader.GetJournal(key));
        Assert.Empty(reader.ReadEvents(key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Transactions_are_found_by_hash_at_their_height_and_position(bool indexed)
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(3);
        IndexIf(chain, indexed);

        for (var height = 1; height <= 3; height++)
        {
            var block = chain.Blocks[height - 1];
            for (var index = 0; index < block.Transactions.Count; index++)
            {
                Assert.Equal(new TransactionLocation((ulong)height, index), chain.Database.Reader.FindTransaction(block.Transactions[index].Hash));
            }
        }

        Assert.Null(chain.Database.Reader.FindTransaction(Hash32.Sha256("nothing"u8)));
    }

    [Fact]
    public void Accounts_read_back_with_balance_and_nonce()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(3);

        for (var i = 0; i < chain.Keys.Count; i++)
        {
            Assert.Equal(chain.State.GetAccount(chain.AddressOf(i)), chain.Database.Reader.GetAccount(chain.AddressOf(i)));
        }

        Assert.Equal(chain.State.GetAccount(chain.Validator.Address), chain.Database.Reader.GetAccount(chain.Validator.Address));
        Assert.Equal(default, chain.Database.Reader.GetAccount(TestKeys.Stranger(99)));
        Assert.Equal(chain.State.AccountCount, chain.Database.Reader.ReadAllAccounts().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ledger_entries_of_an_account_read_back_newest_first(bool indexed)
    {
        using var chain = StoredTestChain.Create();
        var sender = chain.AddressOf(0);
        var first = chain.Transfer(0, chain.AddressOf(1), 300, fee: 4);
        chain.ProposeAndCommit(first);
        var second = chain.Transfer(0, TestKeys.Stranger(0), 50);
        chain.ProposeAndCommit(second);
        IndexIf(chain, indexed);

        var entries = chain.Database.Reader.RecentEntries(LedgerAccount.Of(sender), 10);

        Assert.Equal(
            [
                (2UL, -50L, "transfer_out", second.Hash.ToString()),
                (1UL, -300L, "transfer_out", first.Hash.ToString()),
                (1UL, -4L, "fee", first.Hash.ToString()),
                (0UL, (long)TestGenesis.Balance, "genesis", (string?)null),
            ],
            entries.Select(e => (e.Height, e.Delta, e.Kind, e.Reference)));
        Assert.All(entries, e => Assert.Equal(sender.ToString(), e.Account));
        Assert.All(entries, e => Assert.Null(e.SubLedger));
        Assert.Equal(entries.OrderByDescending(e => (e.Height, e.Sequence)), entries);
        Assert.Equal(2, chain.Database.Reader.RecentEntries(LedgerAccount.Of(sender), 2).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_treasury_system_account_shows_its_accruals_newest_first(bool indexed)
    {
        using var chain = StoredTestChain.Create(blockReward: 100, treasuryPercent: 20);
        chain.CommitBlocks(3);
        IndexIf(chain, indexed);

        var entries = chain.Database.Reader.RecentEntries(LedgerAccount.OfSystem(SystemAccounts.Treasury), 10);

        Assert.Equal(
            [
                (3UL, 20L, "treasury_accrual", "ct"),
                (2UL, 20L, "treasury_accrual", "ct"),
                (1UL, 20L, "treasury_accrual", "ct"),
                (0UL, 7_000L, "genesis", "it"),
                (0UL, 5_000L, "genesis", "ct"),
            ],
            entries.Select(e => (e.Height, e.Delta, e.Kind, e.SubLedger!)));
        Assert.All(entries, e => Assert.Equal("treasury", e.Account));
        Assert.All(entries, e => Assert.Null(e.Reference));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_producer_sees_its_rewards_and_fee_income(bool indexed)
    {
        using var chain = StoredTestChain.Create(blockReward: 100, treasuryPercent: 20);
        var transfer = chain.Transfer(0, chain.AddressOf(1), 10, fee: 9);
        chain.ProposeAndCommit(transfer);
        IndexIf(chain, indexed);

        var entries = chain.Database.Reader.RecentEntries(LedgerAccount.Of(chain.Validator.Address), 10);

        Assert.Equal(
            [(80L, "block_reward", (string?)null), (9L, "fee_income", transfer.Hash.ToString())],
            entries.Select(e => (e.Delta, e.Kind, e.Reference)));
    }

    [Fact]
    public void A_database_with_a_genesis_but_no_blocks_is_reported_as_corruption()
    {
        using var chain = StoredTestChain.Create();
        chain.Close();
        chain.Tamper("DELETE FROM blocks");
        using var database = ChainDatabase.Open(chain.DatabasePath);

        var error = Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
        Assert.Equal("the chain database has a genesis but no blocks", error.Message);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_database_is_reported_as_corruption()
    {
        using var chain = StoredTestChain.Create();
        var path = Path.Combine(chain.Directory, "garbage.db");
        File.WriteAllBytes(path, [.. Enumerable.Repeat((byte)0x5a, 8192)]);

        var error = Assert.Throws<StateCorruptedException>(() => ChainDatabase.Open(path));
        Assert.Contains($"cannot open chain database {path}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Lookups must answer the same before the background indexer has run (from block rows) and after.</summary>
    private static void IndexIf(StoredTestChain chain, bool indexed)
    {
        if (indexed)
        {
            chain.Database.RunMaintenance();
            Assert.Equal(chain.State.Height, chain.Database.Reader.IndexedHeight());
        }
        else
        {
            Assert.Null(chain.Database.Reader.IndexedHeight());
        }
    }
}
