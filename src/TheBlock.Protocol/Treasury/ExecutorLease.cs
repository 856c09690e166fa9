using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// The treasury executor's on-chain lease: which node (<see cref="Holder"/>, its node id) may pay disbursements, with
/// which executor key, until <see cref="ExpiresAt"/> (unix seconds of block time). Another node may take it over only
/// once it has expired.
/// </summary>
public sealed record ExecutorLease(string Holder, Address Executor, ulong ExpiresAt)
{
    public bool IsLiveAt(ulong unixSeconds) => unixSeconds < ExpiresAt;

    public void Write(CanonicalWriter writer) => writer.Utf8(Holder).Address(Executor).U64(ExpiresAt);

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(96);
        Write(writer);
        return writer.ToArray();
    }

    public static ExecutorLease Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new CanonicalReader(encoded);
        var lease = new ExecutorLease(reader.Utf8("holder"), reader.Address("executor"), reader.U64("expires_at"));
        reader.ExpectEnd("executor lease");
        return lease;
    }
}
