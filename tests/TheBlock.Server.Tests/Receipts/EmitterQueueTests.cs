using Prometheus;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Server.Receipts.Emitter;
using TheBlock.Testing;
using TheBlock.Testing.Receipts;

namespace TheBlock.Server.Tests.Receipts;

/// <summary>The emitter's durable queue: what it commits survives a reopen, and concurrent submissions share transactions.</summary>
public sealed class EmitterQueueTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DatabasePath => _dir.File("emitter.db");

    public void Dispose() => _dir.Dispose();

    private static QueuedReceipt Queued(ulong nonce) => QueuedReceipt.Of(EmitterTestReceipts.Storage(nonce), EmitterTestReceipts.UnitPrice);

    private static (ReceiptQueue Queue, ValidationState Validation, EmitterMetrics Metrics) QueueOver(ReceiptStore store, int capacity = 1_000)
    {
        var validation = new ValidationState();
        validation.Load(store.LoadSeen(), store.AllPending());
        var metrics = new EmitterMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        return (new ReceiptQueue(store, validation, metrics, new EmitterOptions { QueueCapacity = capacity }, TimeProvider.System), validation, metrics);
    }

    [Fact]
    public async Task Committed_receipts_and_the_duplicate_window_survive_closing_and_reopening_the_database()
    {
        using (var store = ReceiptStore.Open(DatabasePath))
        {
            var (queue, validation, _) = QueueOver(store);
            await queue.StartAsync(CancellationToken.None);
            var receipts = new[] { Queued(1), Queued(2), Queued(3) };
            Assert.Equal(receipts.Length, queue.HoldRoomUpTo(receipts.Length));
            await queue.AppendAsync(receipts);
            validation.Confirm(receipts);
            store.SetLastCheckedHeight(42);
            await queue.StopAsync(CancellationToken.None);
        }

        using var reopened = ReceiptStore.Open(DatabasePath);
        var (again, state, metrics) = QueueOver(reopened);
        Assert.Equal(3, again.Depth);
        Assert.Equal(3, metrics.Pending.Value);
        Assert.Equal([Queued(1).ReceiptId, Queued(2).ReceiptId, Queued(3).ReceiptId], reopened.TakeQueued(10).Select(row => row.ReceiptId));
        Assert.Equal(42UL, reopened.LastCheckedHeight());
        Assert.Equal(ReceiptTracking.Queued, reopened.Find(Queued(2).ReceiptId)!.Status);
        Assert.Equal(3UL * EmitterTestReceipts.UnitPrice, state.ReservedFor(EmitterTestReceipts.AgreementId));

        var view = Snapshot();
        var duplicate = state.TryReserve(EmitterTestReceipts.Storage(2), Queued(2).ReceiptId, view, true, out _);
        Assert.Equal("duplicate_detection", duplicate?.Reason);
    }

    [Fact]
    public async Task Concurrent_submissions_are_committed_together_in_fewer_transactions_than_submissions()
    {
        using var store = ReceiptStore.Open(DatabasePath);
        var (queue, _, _) = QueueOver(store);
        await queue.StartAsync(CancellationToken.None);
        const int Submitters = 200;
        var before = store.Commits;

        await Task.WhenAll(Enumerable.Range(1, Submitters).Select(i => Task.Run(() =>
        {
            Assert.Equal(1, queue.HoldRoomUpTo(1));
            return queue.AppendAsync([Queued((ulong)i)]);
        })));

        Assert.Equal(Submitters, store.PendingCount());
        Assert.InRange(store.Commits - before, 1, Submitters - 1);
        await queue.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void The_queue_holds_no_room_past_its_capacity_and_gives_it_back()
    {
        using var store = ReceiptStore.Open(DatabasePath);
        var (queue, _, _) = QueueOver(store, capacity: 3);

        Assert.Equal(2, queue.HoldRoomUpTo(2));
        Assert.Equal(1, queue.HoldRoomUpTo(5));
        Assert.Equal(0, queue.HoldRoomUpTo(1));
        queue.Release(1);
        Assert.Equal(1, queue.HoldRoomUpTo(1));
        Assert.Equal(3, queue.Depth);
    }

    [Fact]
    public async Task An_included_row_leaves_the_queue_with_its_outcome_and_the_others_are_read_after_a_seq()
    {
        using var store = ReceiptStore.Open(DatabasePath);
        var (queue, _, _) = QueueOver(store);
        await queue.StartAsync(CancellationToken.None);
        queue.HoldRoomUpTo(2);
        await queue.AppendAsync([Queued(1), Queued(2)]);
        var rows = store.TakeQueued(10);
        Assert.Equal([rows[1].Seq], store.TakeQueued(10, afterSeq: rows[0].Seq).Select(row => row.Seq));

        store.Finish([(rows[0].Seq, ReceiptTracking.Included, "aa", 7, null, null)]);

        var included = store.Find(Queued(1).ReceiptId)!;
        Assert.Equal((ReceiptTracking.Included, 7UL, "storage", "aa"), (included.Status, included.Height!.Value, included.Market!, included.TxHash!));
        Assert.Equal(ReceiptTracking.Queued, store.Find(Queued(2).ReceiptId)!.Status);
        Assert.Equal(1, store.PendingCount());
        await queue.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Rows_an_older_emitter_left_submitted_are_queued_again_when_the_file_opens()
    {
        using (var store = ReceiptStore.Open(DatabasePath))
        {
            store.Append([Queued(1)], 0, new Dictionary<(byte, string), ulong>());
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE queue SET status = 1, tx_hash = 'aa', submitted_at_ms = 5; CREATE INDEX queue_by_status ON queue(status, seq);";
            command.ExecuteNonQuery();
        }

        using var reopened = ReceiptStore.Open(DatabasePath);

        Assert.Equal([Queued(1).ReceiptId], reopened.TakeQueued(10).Select(row => row.ReceiptId));
        Assert.Equal((ReceiptTracking.Queued, null), (reopened.Find(Queued(1).ReceiptId)!.Status, reopened.Find(Queued(1).ReceiptId)!.TxHash));
    }

    [Fact]
    public void Clearing_the_validation_state_forgets_the_window_and_the_height_but_keeps_the_queue()
    {
        using var store = ReceiptStore.Open(DatabasePath);
        store.Append([Queued(1), Queued(2)], 0, new Dictionary<(byte, string), ulong>());
        store.SetLastCheckedHeight(9);

        var (ids, height) = store.ClearValidationState();

        Assert.Equal((2UL, (ulong?)9), (ids, height));
        Assert.Empty(store.LoadSeen());
        Assert.Null(store.LastCheckedHeight());
        Assert.Equal(2, store.PendingCount());
    }

    private static ChainSnapshot Snapshot() => ChainSnapshot.From(EmitterTestReceipts.Sync(), DateTimeOffset.UtcNow);
}
