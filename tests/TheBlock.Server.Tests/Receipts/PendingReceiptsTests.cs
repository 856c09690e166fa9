using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;
using TheBlock.Server.Receipts;

namespace TheBlock.Server.Tests.Receipts;

/// <summary>The signature checks of admitted receipts stay in the chain's memo exactly while their receipts wait for a block.</summary>
public sealed class PendingReceiptsTests
{
    [Fact]
    public void An_admitted_receipts_check_is_held_until_its_batch_is_forgotten()
    {
        var memo = new VerifiedSignatureMemo();
        var pending = new PendingReceipts(memo);
        var (first, second) = (Entry(1), Entry(2));

        pending.Add(Hash32.Sha256("batch-1"u8), [first]);
        pending.Add(Hash32.Sha256("batch-2"u8), [second]);
        Assert.True(memo.Contains(first.SignatureCheck));
        Assert.Equal(2, memo.Count);

        pending.Forget([Hash32.Sha256("batch-1"u8)]);

        Assert.False(memo.Contains(first.SignatureCheck));
        Assert.True(memo.Contains(second.SignatureCheck));
        Assert.Equal(1, memo.Count);
    }

    [Fact]
    public void Past_its_capacity_the_memo_holds_nothing_more_and_the_block_verifies_those()
    {
        var memo = new VerifiedSignatureMemo(capacity: 2);
        var pending = new PendingReceipts(memo);
        var entries = Enumerable.Range(1, 3).Select(Entry).ToList();

        pending.Add(Hash32.Sha256("batch"u8), entries);

        Assert.Equal(2, memo.Count);
        Assert.False(memo.Contains(entries[2].SignatureCheck));
        Assert.Equal(3UL, pending.Count(ServiceMarket.Storage));
    }

    private static PendingReceipts.Entry Entry(int n) =>
        new(Hash32.Sha256([(byte)n]), ServiceMarket.Storage, "storage_001", (ulong)n, 1, 10, Hash32.Sha256([(byte)n, 0xff]));
}
