using System.Buffers.Binary;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Encoding;

/// <summary>Reads the canonical encoding; any short or trailing input is a <see cref="FormatException"/> naming the field.</summary>
public ref struct CanonicalReader
{
    /// <summary>Throws on invalid UTF-8 instead of substituting; immutable, so one instance serves every reader.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public CanonicalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte U8(string field) => Take(1, field)[0];

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public ReadOnlySpan<byte> Fixed(int length, string field) => Take(length, field);

    public Hash32 Hash(string field) => new(Take(Hash32.Size, field));

    public Address Address(string field) => new(Take(Primitives.Address.Size, field));

    public ReadOnlySpan<byte> Variable(string field)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));
        return Take(length, field);
    }

    public string Utf8(string field)
    {
        var bytes = Variable(field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new FormatException($"{field} is not valid UTF-8");
        }
    }

    public ulong? OptionalU64(string field) => Present(field) ? U64(field) : null;

    public Hash32? OptionalHash(string field) => Present(field) ? Hash(field) : null;

    public readonly void ExpectEnd(string what)
    {
        if (!AtEnd)
        {
            throw new FormatException($"{what} has {_data.Length - _position} trailing bytes");
        }
    }

    private bool Present(string field) => U8(field) switch
    {
        0 => false,
        1 => true,
        var flag => throw new FormatException($"{field} has presence flag {flag}; expected 0 or 1"),
    };

    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if (_data.Length - _position < length)
        {
            throw new FormatException($"{field} is truncated: needs {length} bytes, {_data.Length - _position} left");
        }

        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }
}
