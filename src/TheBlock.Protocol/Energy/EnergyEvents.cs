using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>A provider registered (<see cref="From"/> null) or changed; carries the new record.</summary>
public sealed record EnergyProviderChanged(Provider Provider, ProviderStatus? From) : ChainEvent
{
    public const string EventName = "energy_provider_changed";

    public override string Name => EventName;

    public override string Describe() => From switch
    {
        null => $"registered energy provider {Provider.ProviderId}",
        var from when from != Provider.Status => $"moved energy provider {Provider.ProviderId} from {ProviderStatuses.Name(from.Value)} to {ProviderStatuses.Name(Provider.Status)}",
        _ => $"updated energy provider {Provider.ProviderId}",
    };

    public override void Write(CanonicalWriter writer)
    {
        writer.U8(From is { } from ? (byte)from : (byte)0);
        Provider.Write(writer);
    }

    public static EnergyProviderChanged Read(ref CanonicalReader reader)
    {
        var from = reader.U8("from");
        ProviderStatus? status = from == 0 ? null
            : Enum.IsDefined((ProviderStatus)from) ? (ProviderStatus)from
            : throw new FormatException($"provider status {from} is unknown");
        return new(Provider.Read(ref reader), status);
    }
}

/// <summary>A reading passed every check; <see cref="CreditId"/> is the credit its delta made (null for a baseline or a zero delta).</summary>
public sealed record EnergyReadingAccepted(string ProviderId, string Meter, ulong Nonce, ulong TotalKwh, ulong? CreditId) : ChainEvent
{
    public const string EventName = "energy_reading_accepted";

    public override string Name => EventName;

    public override string Describe() => CreditId is { } credit
        ? $"accepted reading {Nonce} of {ProviderId}/{Meter} as credit {credit}"
        : $"accepted reading {Nonce} of {ProviderId}/{Meter} (no delta to credit)";

    public override void Write(CanonicalWriter writer) => writer.Utf8(ProviderId).Utf8(Meter).U64(Nonce).U64(TotalKwh).OptionalU64(CreditId);

    public static EnergyReadingAccepted Read(ref CanonicalReader reader) =>
        new(reader.Utf8("provider_id"), reader.Utf8("meter"), reader.U64("nonce"), reader.U64("total_kwh"), reader.OptionalU64("credit_id"));
}

/// <summary>A reading in a batch failed a check when the block re-verified it; the rest of the batch still applies.</summary>
public sealed record EnergyReadingRejected(string ProviderId, string Meter, ulong Nonce, string Reason) : ChainEvent
{
    public const string EventName = "energy_reading_rejected";

    public override string Name => EventName;

    public override string Describe() => $"rejected reading {Nonce} of {ProviderId}/{Meter}: {Reason}";

    public override void Write(CanonicalWriter writer) => writer.Utf8(ProviderId).Utf8(Meter).U64(Nonce).Utf8(Reason);

    public static EnergyReadingRejected Read(ref CanonicalReader reader) =>
        new(reader.Utf8("provider_id"), reader.Utf8("meter"), reader.U64("nonce"), reader.Utf8("reason"));
}

/// <summary>
/// A credit was created (<see cref="From"/> null) or moved; carries the new record. A move to settled is the market's
/// energy receipt: it names the receipt id, the payment and the fee.
/// </summary>
public sealed record EnergyCreditChanged(Credit Credit, CreditStatus? From) : ChainEvent
{
    public const string EventName = "energy_credit_changed";

    public override string Name => EventName;

    public override string Describe() => From is null
        ? $"created energy credit {Credit.CreditId} of {Credit.AmountKwh} kWh for {Credit.ProviderId}"
        : $"moved energy credit {Credit.CreditId} from {CreditStatuses.Name(From.Value)} to {CreditStatuses.Name(Credit.Status)}";

    public override void Write(CanonicalWriter writer)
    {
        writer.U8(From is { } from ? (byte)from : (byte)0);
        Credit.Write(writer);
    }

    public static EnergyCreditChanged Read(ref CanonicalReader reader)
    {
        var from = reader.U8("from");
        CreditStatus? status = from == 0 ? null
            : Enum.IsDefined((CreditStatus)from) ? (CreditStatus)from
            : throw new FormatException($"credit status {from} is unknown");
        return new(Credit.Read(ref reader), status);
    }
}

/// <summary>A dispute was opened or resolved; carries the new record.</summary>
public sealed record EnergyDisputeChanged(Dispute Dispute) : ChainEvent
{
    public const string EventName = "energy_dispute_changed";

    public override string Name => EventName;

    public override string Describe() => Dispute.IsOpen
        ? $"opened dispute {Dispute.DisputeId} on energy credit {Dispute.CreditId}"
        : $"resolved dispute {Dispute.DisputeId} as {Dispute.OutcomeName}";

    public override void Write(CanonicalWriter writer) => Dispute.Write(writer);

    public static EnergyDisputeChanged Read(ref CanonicalReader reader) => new(Dispute.Read(ref reader));
}

/// <summary>An offtaker's energy escrow changed to <see cref="Balance"/>.</summary>
public sealed record EnergyEscrowChanged(Address Offtaker, ulong Balance) : ChainEvent
{
    public const string EventName = "energy_escrow_changed";

    public override string Name => EventName;

    public override string Describe() => $"energy escrow of {Offtaker} is now {Balance} CT";

    public override void Write(CanonicalWriter writer) => writer.Address(Offtaker).U64(Balance);

    public static EnergyEscrowChanged Read(ref CanonicalReader reader) => new(reader.Address("offtaker"), reader.U64("balance"));
}
