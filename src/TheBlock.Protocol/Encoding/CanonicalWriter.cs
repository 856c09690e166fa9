using System.Buffers;
using System.Buffers.Binary;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Encoding;

/// <summary>
/// Writes the canonical binary encoding: fixed-width little-endian integers, fixed-size byte fields as is,
/// and variable-length fields prefixed by a u16 length. One value has exactly one encoding.
/// </summary>
public sealed class CanonicalWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public CanonicalWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Forgets what was written, keeping the buffer, so one writer serves many short encodings in turn.</summary>
    public void Clear() => _buffer.ResetWrittenCount();

    public CanonicalWriter U8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public CanonicalWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public CanonicalWriter Fixed(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public CanonicalWriter Hash(Hash32 hash)
    {
        hash.CopyTo(_buffer.GetSpan(Hash32.Size));
        _buffer.Advance(Hash32.Size);
        return this;
    }

    public CanonicalWriter Address(Address address)
    {
        address.CopyTo(_buffer.GetSpan(Primitives.Address.Size));
        _buffer.Advance(Primitives.Address.Size);
        return this;
    }

    public CanonicalWriter Variable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"a variable-length field holds at most {ushort.MaxValue} bytes", nameof(bytes));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), (ushort)bytes.Length);
        _buffer.Advance(2);
        _buffer.Write(bytes);
        return this;
    }

    public CanonicalWriter Utf8(string text) => Variable(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A presence byte (0 absent, 1 present) and, when present, the value.</summary>
    public CanonicalWriter OptionalU64(ulong? value) => value is { } present ? U8(1).U64(present) : U8(0);

    public CanonicalWriter OptionalHash(Hash32? value) => value is { } present ? U8(1).Hash(present) : U8(0);
}
