using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace TheBlock.Storage.Tests;

/// <summary>
/// The lookup indexes are derived data: a failed index round must not fail block commits (and so must not stall or
/// halt the chain). It is reported, retried with backoff, and catches up once the cause is gone.
/// </summary>
public class IndexFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BlockPace = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void A_failed_index_round_does_not_fail_block_commits_and_is_retried_until_it_catches_up()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);
        chain.Database.RunMaintenance();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<MaintenanceFailure>();
        chain.Reopen(maintainInBackground: true, failures.Enqueue);

        // A row already holding the hash of the next block's transaction makes indexing that block fail (UNIQUE).
        var blocked = chain.Transfer(0, chain.AddressOf(1), 5);
        chain.Tamper("INSERT INTO transactions (hash, height, idx) VALUES ($hash, 999, 0)", ("$hash", blocked.Hash.ToArray()));
        chain.ProposeAndCommit(blocked);

        // Blocks at a fast node's pace (50 ms) until the index rounds between them have failed twice; a loaded machine
        // only makes that take longer, so the wait is bounded by the deadline, not a fixed two seconds.
        var clock = Stopwatch.StartNew();
        while ((clock.Elapsed < TimeSpan.FromSeconds(2) || failures.Count < 2) && clock.Elapsed < Deadline)
        {
            chain.ProposeAndCommit();
            Thread.Sleep(BlockPace);
        }

        Assert.Equal(2UL, chain.Database.Reader.IndexedHeight());
        var reported = failures.ToList();
        Assert.True(reported.Count >= 2, $"expected repeated failed rounds, saw {reported.Count}");
        Assert.All(reported, f => Assert.Contains("UNIQUE constraint failed: transactions.hash", f.Error.Message, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, reported.Count), reported.Select(f => f.ConsecutiveFailures));
        Assert.Equal(
            reported.Select(f => StorageMaintenance.FirstRetryDelay * Math.Pow(2, f.ConsecutiveFailures - 1)),
            reported.Select(f => f.RetryIn));

        chain.Tamper("DELETE FROM transactions WHERE height = 999");
        var head = chain.State.Height;
        Wait.Until(() => chain.Database.Reader.IndexedHeight() == head, Deadline, $"indexing to catch up to {head}");
        Assert.Equal(chain.Blocks.Sum(b => b.Transactions.Count), chain.Count("transactions"));
    }

    [Fact]
    public void The_retry_backoff_waits_on_the_databases_clock()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(1);
        chain.Database.RunMaintenance();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<MaintenanceFailure>();
        var clock = new FakeTimeProvider();
        chain.Reopen(maintainInBackground: true, failures.Enqueue, clock);
        var blocked = chain.Transfer(0, chain.AddressOf(1), 5);
        chain.Tamper("INSERT INTO transactions (hash, height, idx) VALUES ($hash, 999, 0)", ("$hash", blocked.Hash.ToArray()));
        chain.ProposeAndCommit(blocked);

        Wait.Until(() => failures.Count == 1, Deadline, "the first failed index round");
        Thread.Sleep(300);
        Assert.Single(failures);

        clock.Advance(StorageMaintenance.FirstRetryDelay);
        Wait.Until(() => failures.Count == 2, Deadline, "the retry once the clock passed its backoff");
        Assert.Equal([1, 2], failures.Select(f => f.ConsecutiveFailures));
    }

    [Fact]
    public void The_retry_delay_doubles_from_100_ms_and_stops_at_30_s()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), StorageMaintenance.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), StorageMaintenance.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMilliseconds(25_600), StorageMaintenance.RetryDelay(9));
        Assert.Equal(TimeSpan.FromSeconds(30), StorageMaintenance.RetryDelay(10));
        Assert.Equal(TimeSpan.FromSeconds(30), StorageMaintenance.RetryDelay(int.MaxValue));
    }
}
