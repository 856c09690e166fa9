using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Tests.Chain;

public class MerkleRootTests
{
    private static Hash32 Leaf(int i) => Hash32.Sha256([(byte)i]);

    private static Hash32 Node(Hash32 left, Hash32 right) => Hash32.Sha256([0x01, .. left.ToArray(), .. right.ToArray()]);

    [Fact]
    public void The_root_of_no_leaves_is_all_zeros()
    {
        Assert.Equal(Hash32.Zero, MerkleRoot.Compute([]));
    }

    [Fact]
    public void The_root_of_one_leaf_is_that_leaf()
    {
        Assert.Equal(Leaf(1), MerkleRoot.Compute([Leaf(1)]));
    }

    [Fact]
    public void Two_leaves_hash_under_the_node_tag()
    {
        Assert.Equal(Node(Leaf(1), Leaf(2)), MerkleRoot.Compute([Leaf(1), Leaf(2)]));
    }

    [Fact]
    public void An_odd_node_is_carried_up_unchanged_rather_than_paired_with_itself()
    {
        Assert.Equal(Node(Node(Leaf(1), Leaf(2)), Leaf(3)), MerkleRoot.Compute([Leaf(1), Leaf(2), Leaf(3)]));
        Assert.Equal(
            Node(Node(Node(Leaf(1), Leaf(2)), Node(Leaf(3), Leaf(4))), Leaf(5)),
            MerkleRoot.Compute([Leaf(1), Leaf(2), Leaf(3), Leaf(4), Leaf(5)]));
    }

    [Fact]
    public void Duplicating_the_last_leaf_changes_the_root()
    {
        Assert.NotEqual(MerkleRoot.Compute([Leaf(1), Leaf(2), Leaf(3)]), MerkleRoot.Compute([Leaf(1), Leaf(2), Leaf(3), Leaf(3)]));
    }

    [Fact]
    public void Order_of_the_leaves_matters()
    {
        Assert.NotEqual(MerkleRoot.Compute([Leaf(1), Leaf(2)]), MerkleRoot.Compute([Leaf(2), Leaf(1)]));
        Assert.NotEqual(MerkleRoot.Compute([Leaf(1), Leaf(2), Leaf(3)]), MerkleRoot.Compute([Leaf(1), Leaf(3), Leaf(2)]));
    }

    [Fact]
    public void Computing_the_root_leaves_the_input_untouched()
    {
        Hash32[] leaves = [Leaf(1), Leaf(2), Leaf(3)];
        MerkleRoot.Compute(leaves);

        Assert.Equal([Leaf(1), Leaf(2), Leaf(3)], leaves);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1001)]
    public void The_in_place_root_equals_the_levelled_definition(int count)
    {
        var leaves = Enumerable.Range(0, count).Select(Leaf).ToArray();

        Assert.Equal(Levelled(leaves), MerkleRoot.ComputeInPlace(leaves.ToArray()));
    }

    /// <summary>The tree built level by level into new lists, as docs/PROTOCOL.md defines it.</summary>
    private static Hash32 Levelled(Hash32[] level)
    {
        if (level.Length == 0)
        {
            return Hash32.Zero;
        }

        while (level.Length > 1)
        {
            level = [.. level.Chunk(2).Select(pair => pair.Length == 2 ? Node(pair[0], pair[1]) : pair[0])];
        }

        return level[0];
    }
}
