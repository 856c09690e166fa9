using TheBlock.Protocol.Ledger;

namespace TheBlock.Storage.Tests;

/// <summary>The lookup indexes are derived from committed blocks behind a watermark, off the commit path.</summary>
public class BlockIndexerTests
{
    [Fact]
    public void Indexing_covers_every_block_once_and_resumes_at_the_watermark()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(3);

        Assert.Equal(4, chain.Database.RunMaintenance());
        Assert.Equal(3UL, chain.Database.Reader.IndexedHeight());
        Assert.Equal(0, chain.Database.RunMaintenance());

        chain.CommitBlocks(2);
        Assert.Equal(2, chain.Database.RunMaintenance());
        Assert.Equal(5UL, chain.Database.Reader.IndexedHeight());
        Assert.Equal(chain.Blocks.Sum(b => b.Transactions.Count), chain.Count("transactions"));
        var journalled = Enumerable.Range(0, 6).Sum(h => chain.Database.Reader.GetJournal((ulong)h)!.Count);
        Assert.Equal(journalled, chain.Count("ledger_entries"));
    }

    [Fact]
    public void A_partly_indexed_chain_answers_exactly_as_a_fully_indexed_one()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(3);
        chain.Database.RunMaintenance();
        chain.CommitBlocks(3);
        var sender = LedgerAccount.Of(chain.AddressOf(0));
        var partly = (Entries: chain.Database.Reader.RecentEntries(sender, 100), Locations: Locations(chain));

        chain.Database.RunMaintenance();

        Assert.Equal(partly.Entries, chain.Database.Reader.RecentEntries(sender, 100));
        Assert.Equal(partly.Locations, Locations(chain));
        Assert.Contains(partly.Entries, e => e.Height > 3 && e.Kind == "transfer_out");
        Assert.Contains(partly.Entries, e => e.Height is > 0 and <= 3 && e.Kind == "transfer_out");
    }

    [Fact]
    public void A_limit_that_ends_inside_the_unindexed_blocks_stops_there()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);
        chain.Database.RunMaintenance();
        chain.CommitBlocks(4);
        var treasury = LedgerAccount.OfSystem(SystemAccounts.Treasury);

        var newest = chain.Database.Reader.RecentEntries(treasury, 3);

        Assert.Equal([6UL, 5UL, 4UL], newest.Select(e => e.Height));
    }

    [Fact]
    public void The_background_maintenance_indexes_what_a_restart_left_behind()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(5);
        Assert.Null(chain.Database.Reader.IndexedHeight());

        chain.Reopen(maintainInBackground: true);

        Wait.Until(() => chain.Database.Reader.IndexedHeight() == 5UL, TimeSpan.FromSeconds(30), "background indexing to reach height 5");
        Assert.Equal(5UL, chain.Database.Reader.IndexedHeight());
        Assert.Equal(chain.Blocks.Sum(b => b.Transactions.Count), chain.Count("transactions"));
    }

    [Fact]
    public void A_database_of_another_schema_version_is_refused_with_both_versions()
    {
        using var chain = StoredTestChain.Create();
        chain.Close();
        chain.Tamper("UPDATE meta SET value = $v WHERE key = 'schema_version'", ("$v", BitConverter.GetBytes(1)));

        var error = Assert.Throws<StateCorruptedException>(() => ChainDatabase.Open(chain.DatabasePath));

        Assert.Contains("has chain schema version 1; this build reads version 4", error.Message, StringComparison.Ordinal);
    }

    private static List<TransactionLocation?> Locations(StoredTestChain chain) =>
        [.. chain.Blocks.SelectMany(b => b.Transactions).Select(t => chain.Database.Reader.FindTransaction(t.Hash))];
}
