using System.Buffers;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// Binary SHA-256 Merkle root over leaf hashes. Internal nodes are tagged so a leaf can never pose as a node,
/// and an odd node is carried up unchanged rather than paired with itself (no duplicate-leaf ambiguity).
/// The root of no leaves is all zeros.
/// </summary>
public static class MerkleRoot
{
    public static Hash32 Compute(IReadOnlyList<Hash32> leaves)
    {
        var level = leaves.ToArray();
        return ComputeInPlace(level);
    }

    /// <summary>The root of the transactions' hashes, in block order, without allocating per transaction.</summary>
    public static Hash32 OfTransactions(IReadOnlyList<Transactions.Transaction> transactions)
    {
        var leaves = ArrayPool<Hash32>.Shared.Rent(transactions.Count);
        try
        {
            for (var i = 0; i < transactions.Count; i++)
            {
                leaves[i] = transactions[i].Hash;
            }

            return ComputeInPlace(leaves.AsSpan(0, transactions.Count));
        }
        finally
        {
            ArrayPool<Hash32>.Shared.Return(leaves);
        }
    }

    /// <summary>
    /// The root of <paramref name="level"/>, overwriting it: each level is written over the one below it, node i of the
    /// next level from nodes 2i and 2i + 1, which have been read by then.
    /// </summary>
    public static Hash32 ComputeInPlace(Span<Hash32> level)
    {
        if (level.Length == 0)
        {
            return Hash32.Zero;
        }

        Span<byte> buffer = stackalloc byte[1 + (2 * Hash32.Size)];
        buffer[0] = 1;
        var count = level.Length;
        while (count > 1)
        {
            var next = (count + 1) / 2;
            for (var i = 0; i < next; i++)
            {
                var left = 2 * i;
                if (left + 1 == count)
                {
                    level[i] = level[left];
                    continue;
                }

                level[left].CopyTo(buffer[1..]);
                level[left + 1].CopyTo(buffer[(1 + Hash32.Size)..]);
                level[i] = Hash32.Sha256(buffer);
            }

            count = next;
        }

        return level[0];
    }
}
