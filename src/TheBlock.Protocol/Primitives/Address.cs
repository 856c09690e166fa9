using System.Buffers.Binary;

namespace TheBlock.Protocol.Primitives;

/// <summary>
/// An account address: the first 20 bytes of SHA-256(Ed25519 public key), written as bech32 with prefix "ct",
/// so every address starts "ct1" and a typo is caught by the checksum.
/// </summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;
    public const string HumanReadablePart = "ct";

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"an address is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> digest = stackalloc byte[Hash32.Size];
        System.Security.Cryptography.SHA256.HashData(publicKey, digest);
        return new Address(digest[..Size]);
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Bech32.Encode(HumanReadablePart, bytes);
    }

    /// <summary>Parses a "ct1…" address; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? text, out Address address, out string error)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "address is empty";
            return false;
        }

        if (!Bech32.TryDecodeWords(text, out var hrp, out var words, out var why))
        {
            error = $"address \"{text}\" {why}";
            return false;
        }

        if (hrp != HumanReadablePart)
        {
            error = $"address \"{text}\" has prefix \"{hrp}\"; expected \"{HumanReadablePart}\"";
            return false;
        }

        var bytes = Bech32.ConvertBits(words, 5, 8, pad: false);
        if (bytes is null || bytes.Length != Size)
        {
            error = $"address \"{text}\" does not hold {Size} bytes";
            return false;
        }

        address = new Address(bytes);
        error = string.Empty;
        return true;
    }

    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    public int CompareTo(Address other)
    {
        var byA = _a.CompareTo(other._a);
        if (byA != 0)
        {
            return byA;
        }

        var byB = _b.CompareTo(other._b);
        return byB != 0 ? byB : _c.CompareTo(other._c);
    }

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
