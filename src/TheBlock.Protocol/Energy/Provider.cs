using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// A registered energy provider as the chain holds it (spec/energy.md): who owns it, the key its meters sign with,
/// its meters and terms, the stake it has locked, its status and reputation, and the counters the market view reads.
/// <see cref="OpenCredits"/> counts its pending and disputed credits, so an exiting provider is released when it reaches 0.
/// </summary>
public sealed record Provider
{
    public required string ProviderId { get; init; }

    public required Address Owner { get; init; }

    public required ReadOnlyMemory<byte> PublicKey { get; init; }

    /// <summary>The height from which <see cref="PublicKey"/> verifies (registration, or the last rotation).</summary>
    public required ulong KeySinceHeight { get; init; }

    public required IReadOnlyList<string> Meters { get; init; }

    public required ulong CapacityKwh { get; init; }

    public required ulong PricePerKwh { get; init; }

    public required string Jurisdiction { get; init; }

    public required Address Offtaker { get; init; }

    public required ulong Stake { get; init; }

    public required ProviderStatus Status { get; init; }

    public required Reputation Reputation { get; init; }

    public required ulong RegisteredHeight { get; init; }

    public required ulong RegisteredAt { get; init; }

    public required ulong UpdatedAt { get; init; }

    /// <summary>When a credit of this provider last settled (unix seconds).</summary>
    public ulong? LastSettlement { get; init; }

    /// <summary>The block time of the last reading that became a credit or a baseline (unix seconds).</summary>
    public ulong? LastReadingAt { get; init; }

    public ulong OpenCredits { get; init; }

    public ulong SettledKwh { get; init; }

    public ulong SlashedTotal { get; init; }

    public ulong UpheldDisputes { get; init; }

    public bool HasMeter(string meter) => Meters.Contains(meter, StringComparer.Ordinal);

    public byte[] Encode()
    {
        var writer = new CanonicalWriter();
        Write(writer);
        return writer.ToArray();
    }

    public void Write(CanonicalWriter writer)
    {
        writer.Utf8(ProviderId).Address(Owner).Variable(PublicKey.Span).U64(KeySinceHeight);
        ProviderTerms.WriteMeters(writer, Meters);
        writer.U64(CapacityKwh).U64(PricePerKwh).Utf8(Jurisdiction).Address(Offtaker).U64(Stake).U8((byte)Status);
        Reputation.Write(writer);
        writer.U64(RegisteredHeight).U64(RegisteredAt).U64(UpdatedAt).OptionalU64(LastSettlement).OptionalU64(LastReadingAt)
            .U64(OpenCredits).U64(SettledKwh).U64(SlashedTotal).U64(UpheldDisputes);
    }

    public static Provider Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var provider = Read(ref reader);
        reader.ExpectEnd("provider");
        return provider;
    }

    public static Provider Read(ref CanonicalReader reader)
    {
        var providerId = reader.Utf8("provider_id");
        var owner = reader.Address("owner");
        var publicKey = reader.Variable("public_key").ToArray();
        var keySince = reader.U64("key_since_height");
        var meters = ProviderTerms.ReadMeters(ref reader);

        return new Provider
        {
            ProviderId = providerId,
            Owner = owner,
            PublicKey = publicKey,
            KeySinceHeight = keySince,
            Meters = meters,
            CapacityKwh = reader.U64("capacity_kwh"),
            PricePerKwh = reader.U64("price_per_kwh"),
            Jurisdiction = reader.Utf8("jurisdiction"),
            Offtaker = reader.Address("offtaker"),
            Stake = reader.U64("stake"),
            Status = ReadStatus(reader.U8("status")),
            Reputation = Reputation.Read(ref reader),
            RegisteredHeight = reader.U64("registered_height"),
            RegisteredAt = reader.U64("registered_at"),
            UpdatedAt = reader.U64("updated_at"),
            LastSettlement = reader.OptionalU64("last_settlement"),
            LastReadingAt = reader.OptionalU64("last_reading_at"),
            OpenCredits = reader.U64("open_credits"),
            SettledKwh = reader.U64("settled_kwh"),
            SlashedTotal = reader.U64("slashed_total"),
            UpheldDisputes = reader.U64("upheld_disputes"),
        };
    }

    private static ProviderStatus ReadStatus(byte value) =>
        Enum.IsDefined((ProviderStatus)value) ? (ProviderStatus)value : throw new FormatException($"provider status {value} is unknown");
}
