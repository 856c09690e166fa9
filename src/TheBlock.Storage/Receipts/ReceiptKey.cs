using System.Buffers.Binary;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage.Receipts;

/// <summary>The index key of a receipt id: its first 8 bytes, big-endian, as a signed integer.</summary>
public static class ReceiptKey
{
    /// <summary>How many neighbouring keys a lookup probes; collisions of 64-bit prefixes are rare enough that one is already unlikely.</summary>
    public const int MaxProbes = 8;

    public static long Of(Hash32 id)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Size];
        id.CopyTo(bytes);
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    public static long Next(long key) => unchecked(key + 1);
}
