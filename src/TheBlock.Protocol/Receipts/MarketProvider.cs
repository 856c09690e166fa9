using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Receipts;

/// <summary>A provider registered in one service market: its owner (paid for its receipts), the key its receipts are signed with, and its stake.</summary>
public sealed record MarketProvider
{
    public required ServiceMarket Market { get; init; }

    public required string ProviderId { get; init; }

    public required Address Owner { get; init; }

    public required byte[] PublicKey { get; init; }

    public required ulong Stake { get; init; }

    public required ulong RegisteredHeight { get; init; }

    public required ulong RegisteredAt { get; init; }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128);
        Write(writer);
        return writer.ToArray();
    }

    public static MarketProvider Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var provider = Read(ref reader);
        reader.ExpectEnd("market provider");
        return provider;
    }

    public void Write(CanonicalWriter writer) =>
        writer.U8((byte)Market).Utf8(ProviderId).Address(Owner).Variable(PublicKey).U64(Stake).U64(RegisteredHeight).U64(RegisteredAt);

    public static MarketProvider Read(ref CanonicalReader reader)
    {
        var market = reader.U8("market");
        return new MarketProvider
        {
            Market = ServiceMarkets.IsDefined(market) ? (ServiceMarket)market : throw new FormatException($"market code {market} is unknown"),
            ProviderId = reader.Utf8("provider_id"),
            Owner = reader.Address("owner"),
            PublicKey = reader.Variable("public_key").ToArray(),
            Stake = reader.U64("stake"),
            RegisteredHeight = reader.U64("registered_height"),
            RegisteredAt = reader.U64("registered_at"),
        };
    }
}
