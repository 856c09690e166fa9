using TheBlock.Server.Receipts.Emitter;

namespace TheBlock.Server.Tests.Receipts;

/// <summary>What the emitter remembers of the batches the node admitted its rows into, until a block holds them or the node lost them.</summary>
public sealed class SubmittedBatchesTests
{
    [Fact]
    public void Rows_admitted_into_a_batch_are_held_with_it_in_queue_order_until_a_block_holds_them()
    {
        var batches = new SubmittedBatches();
        batches.Add("tx-a", [Row(2), Row(1)], 100);
        batches.Add("tx-b", [Row(3), Row(3)], 102);

        var a = Assert.Single(batches.Snapshot(), b => b.TxHash == "tx-a");
        Assert.Equal([1L, 2L], a.Rows.Select(r => r.Seq));
        Assert.Equal(100, a.SubmittedAtMs);
        Assert.Equal(3, batches.Rows);
        Assert.Equal("tx-b", batches.TransactionOf("receipt-3"));
        Assert.True(batches.Holds(3));

        batches.Remove(a);

        Assert.False(batches.Holds(1));
        Assert.Null(batches.TransactionOf("receipt-1"));
        Assert.Equal(1, batches.Rows);
        Assert.False(batches.TakeResend());
    }

    [Fact]
    public void Rows_added_to_a_transaction_after_its_snapshot_stay_when_the_snapshot_is_removed()
    {
        var batches = new SubmittedBatches();
        batches.Add("tx-a", [Row(1)], 100);
        var seen = Assert.Single(batches.Snapshot());
        batches.Add("tx-a", [Row(2)], 101);

        batches.Remove(seen);

        Assert.Equal([2L], Assert.Single(batches.Snapshot()).Rows.Select(r => r.Seq));
        Assert.True(batches.Holds(2));
    }

    [Fact]
    public void A_lost_batch_lets_its_rows_go_and_asks_the_forwarder_once_to_send_again()
    {
        var batches = new SubmittedBatches();
        batches.Add("tx-a", [Row(1)], 100);

        batches.Lost(Assert.Single(batches.Snapshot()));

        Assert.False(batches.Holds(1));
        Assert.Empty(batches.Snapshot());
        Assert.True(batches.TakeResend());
        Assert.False(batches.TakeResend());
    }

    private static QueueRow Row(long seq) => new(seq, $"receipt-{seq}", 1, "storage_001", (ulong)seq, 1, 10, [1, 2, 3]);
}
