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
        if (leaves.Count == 0)
        {
            return Hash32.Zero;
        }

        var level = leaves.ToArray();
        Span<byte> buffer = stackalloc byte[1 + (2 * Hash32.Size)];
        buffer[0] = 1;
        while (level.Length > 1)
        {
            var next = new Hash32[(level.Length + 1) / 2];
            for (var i = 0; i < next.Length; i++)
            {
                var left = 2 * i;
                if (left + 1 == level.Length)
                {
                    next[i] = level[left];
                    continue;
                }

                level[left].CopyTo(buffer[1..]);
                level[left + 1].CopyTo(buffer[(1 + Hash32.Size)..]);
                next[i] = Hash32.Sha256(buffer);
            }

            level = next;
        }

        return level[0];
    }
}
