using System.Buffers.Binary;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// A key in the modules' shared key-value state: the owning module's prefix byte, then bytes the module chooses
/// (by convention a tag byte and a big-endian id, so keys of one tag sort by id). Keys order bytewise.
/// </summary>
public sealed class StateKey : IEquatable<StateKey>, IComparable<StateKey>
{
    public const int MaxLength = 255;

    private readonly byte[] _bytes;
    private readonly int _hash;

    private StateKey(byte[] bytes)
    {
        _bytes = bytes;
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        _hash = hash.ToHashCode();
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public byte Prefix => _bytes[0];

    public int Length => _bytes.Length;

    public static StateKey Of(byte prefix, byte tag) => new([prefix, tag]);

    public static StateKey Of(byte prefix, byte tag, ulong id)
    {
        var bytes = new byte[10];
        bytes[0] = prefix;
        bytes[1] = tag;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), id);
        return new StateKey(bytes);
    }

    public static StateKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length is >= 1 and <= MaxLength ? new StateKey(bytes.ToArray()) : throw new FormatException($"a state key is 1 to {MaxLength} bytes, not {bytes.Length}");

    /// <summary>The big-endian id a key made by <see cref="Of(byte, byte, ulong)"/> carries.</summary>
    public ulong Id => _bytes.Length == 10 ? BinaryPrimitives.ReadUInt64BigEndian(_bytes.AsSpan(2)) : throw new InvalidOperationException($"state key {this} carries no id");

    public bool StartsWith(StateKey prefix) => _bytes.AsSpan().StartsWith(prefix._bytes);

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public int CompareTo(StateKey? other) => other is null ? 1 : _bytes.AsSpan().SequenceCompareTo(other._bytes);

    public bool Equals(StateKey? other) => other is not null && _hash == other._hash && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as StateKey);

    public override int GetHashCode() => _hash;

    public static bool operator ==(StateKey? left, StateKey? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(StateKey? left, StateKey? right) => !(left == right);

    public static bool operator <(StateKey left, StateKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(StateKey left, StateKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(StateKey left, StateKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(StateKey left, StateKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
