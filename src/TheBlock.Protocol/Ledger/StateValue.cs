namespace TheBlock.Protocol.Ledger;

/// <summary>
/// A value in the modules' key-value state: its canonical bytes (what the state root and storage see) and the
/// typed object they encode, kept beside them so a module reading its own records does not decode them every block.
/// </summary>
public sealed class StateValue
{
    private byte[]? _bytes;
    private object? _decoded;
    private readonly Func<object, byte[]>? _encode;

    private StateValue(byte[]? bytes, object? decoded, Func<object, byte[]>? encode)
    {
        _bytes = bytes;
        _decoded = decoded;
        _encode = encode;
    }

    public static StateValue FromBytes(byte[] bytes) => new(bytes, null, null);

    /// <summary>A typed value, encoded only when its bytes are first needed (at seal or in storage).</summary>
    public static StateValue Of<T>(T value, Func<T, byte[]> encode)
        where T : notnull => new(null, value, decoded => encode((T)decoded));

    public byte[] Bytes => _bytes ??= _encode!(_decoded!);

    /// <summary>The typed value, decoded once from the bytes when it was loaded from storage.</summary>
    public T As<T>(Func<byte[], T> decode)
        where T : notnull
    {
        if (_decoded is T typed)
        {
            return typed;
        }

        var value = decode(Bytes);
        _decoded = value;
        return value;
    }
}
