using TheBlock.Server.Node;
using TheBlock.Testing;

namespace TheBlock.Server.Tests.Node;

/// <summary>tx.status decodes a recent block once however many of its transactions clients follow, and keeps only a few.</summary>
public sealed class RecentBlocksTests
{
    [Fact]
    public void A_recent_block_is_decoded_once_and_the_oldest_leaves_past_the_capacity()
    {
        using var chain = StoredTestChain.Create();
        for (var i = 0; i < 3; i++)
        {
            chain.ProposeAndCommit(chain.Transfer(0, chain.AddressOf(1), 1));
        }

        var recent = new RecentBlocks(chain.Database.Reader, capacity: 2);
        var first = recent.Get(1);

        Assert.Same(first, recent.Get(1));
        Assert.Equal(1UL, first!.Height);
        recent.Get(2);
        recent.Get(3);
        Assert.NotSame(first, recent.Get(1));
        Assert.Equal(first.Block.Header.Hash(), recent.Get(1)!.Block.Header.Hash());
        Assert.Null(recent.Get(99));
    }
}
