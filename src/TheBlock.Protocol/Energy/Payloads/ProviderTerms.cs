using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Energy;

/// <summary>What a provider offers and to whom: its meters, capacity, price, jurisdiction and offtaker.</summary>
public sealed record ProviderTerms(IReadOnlyList<string> Meters, ulong CapacityKwh, ulong PricePerKwh, string Jurisdiction, Address Offtaker)
{
    public void Write(CanonicalWriter writer)
    {
        WriteMeters(writer, Meters);
        writer.U64(CapacityKwh).U64(PricePerKwh).Utf8(Jurisdiction).Address(Offtaker);
    }

    public static ProviderTerms Read(ref CanonicalReader reader) =>
        new(ReadMeters(ref reader), reader.U64("capacity_kwh"), reader.U64("price_per_kwh"), reader.Utf8("jurisdiction"), reader.Address("offtaker"));

    /// <summary>A meter list as payloads and the provider record write it: a count, then each id.</summary>
    internal static void WriteMeters(CanonicalWriter writer, IReadOnlyList<string> meters)
    {
        writer.U64((ulong)meters.Count);
        foreach (var meter in meters)
        {
            writer.Utf8(meter);
        }
    }

    internal static List<string> ReadMeters(ref CanonicalReader reader)
    {
        var count = reader.U64("meter_count");
        if (count > EnergyLimits.MaxMeters)
        {
            throw new FormatException($"a provider has at most {EnergyLimits.MaxMeters} meters, not {count}");
        }

        var meters = new List<string>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            meters.Add(reader.Utf8("meter"));
        }

        return meters;
    }

    public Rejection? Rejection()
    {
        if (Meters.Count is 0 or > EnergyLimits.MaxMeters)
        {
            return Invalid($"a provider has 1 to {EnergyLimits.MaxMeters} meters, not {Meters.Count}");
        }

        foreach (var meter in Meters)
        {
            if (EnergyLimits.IdProblem("meter", meter) is { } problem)
            {
                return Invalid(problem);
            }
        }

        if (Meters.Distinct(StringComparer.Ordinal).Count() != Meters.Count)
        {
            return Invalid("meters must be distinct");
        }

        if (CapacityKwh == 0)
        {
            return Invalid("capacity_kwh must be at least 1");
        }

        if (PricePerKwh is 0 or > EnergyLimits.MaxPricePerKwh)
        {
            return Invalid($"price_per_kwh must be 1 to {EnergyLimits.MaxPricePerKwh} CT");
        }

        var jurisdiction = System.Text.Encoding.UTF8.GetByteCount(Jurisdiction);
        return string.IsNullOrWhiteSpace(Jurisdiction) || jurisdiction > EnergyLimits.MaxJurisdictionBytes
            ? Invalid($"jurisdiction must be 1 to {EnergyLimits.MaxJurisdictionBytes} bytes, not blank")
            : null;
    }

    public static Rejection? IdRejection(string providerId) =>
        EnergyLimits.IdProblem("provider_id", providerId) is { } problem ? Invalid(problem) : null;

    public static Rejection? KeyRejection(ReadOnlySpan<byte> publicKey) =>
        publicKey.Length == Ed25519.PublicKeySize ? null : Invalid($"public_key is {publicKey.Length} bytes; an Ed25519 public key is {Ed25519.PublicKeySize}");

    private static Rejection Invalid(string message) => new(EnergyReasons.InvalidProvider, message);
}
