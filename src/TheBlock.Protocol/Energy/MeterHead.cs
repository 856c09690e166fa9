using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Energy;

/// <summary>The last accepted reading of one meter: the next must carry a greater nonce, a later timestamp and no smaller total.</summary>
public readonly record struct MeterHead(ulong Nonce, ulong TotalKwh, ulong Timestamp)
{
    public byte[] Encode() => new CanonicalWriter(24).U64(Nonce).U64(TotalKwh).U64(Timestamp).ToArray();

    public static MeterHead Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var head = new MeterHead(reader.U64("nonce"), reader.U64("total_kwh"), reader.U64("timestamp"));
        reader.ExpectEnd("meter head");
        return head;
    }
}
