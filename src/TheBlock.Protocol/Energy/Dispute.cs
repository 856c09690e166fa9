using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>Stored values of a dispute's outcome: never renumber.</summary>
public enum DisputeOutcome : byte
{
    None = 0,
    Upheld = 1,
    Rejected = 2,
}

/// <summary>
/// A challenge to a pending credit (spec/energy.md): open until an admin resolves it. <see cref="Upheld"/> voids the
/// credit and slashes the provider; <see cref="DisputeOutcome.Rejected"/> returns the credit to pending. The evidence
/// is the disputed reading as the credit recorded it, kept with the dispute so it outlives later changes.
/// </summary>
public sealed record Dispute
{
    public required ulong DisputeId { get; init; }

    public required ulong CreditId { get; init; }

    public required string ProviderId { get; init; }

    public required string Reason { get; init; }

    public required Address OpenedBy { get; init; }

    public required ulong OpenedAt { get; init; }

    public required ulong OpenedHeight { get; init; }

    public required string Meter { get; init; }

    public required ulong AmountKwh { get; init; }

    public required ulong ReadingTimestamp { get; init; }

    public DisputeOutcome Outcome { get; init; }

    public Address? ResolvedBy { get; init; }

    public ulong? ResolvedAt { get; init; }

    public ulong? ResolvedHeight { get; init; }

    /// <summary>Stake slashed when upheld.</summary>
    public ulong? Slashed { get; init; }

    public bool IsOpen => Outcome == DisputeOutcome.None;

    public string StatusName => IsOpen ? "open" : "resolved";

    public string? OutcomeName => Outcome switch
    {
        DisputeOutcome.Upheld => "upheld",
        DisputeOutcome.Rejected => "rejected",
        _ => null,
    };

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128);
        Write(writer);
        return writer.ToArray();
    }

    public void Write(CanonicalWriter writer)
    {
        writer.U64(DisputeId).U64(CreditId).Utf8(ProviderId).Utf8(Reason).Address(OpenedBy).U64(OpenedAt).U64(OpenedHeight)
            .Utf8(Meter).U64(AmountKwh).U64(ReadingTimestamp).U8((byte)Outcome);
        if (ResolvedBy is { } resolver)
        {
            writer.U8(1).Address(resolver);
        }
        else
        {
            writer.U8(0);
        }

        writer.OptionalU64(ResolvedAt).OptionalU64(ResolvedHeight).OptionalU64(Slashed);
    }

    public static Dispute Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var dispute = Read(ref reader);
        reader.ExpectEnd("dispute");
        return dispute;
    }

    public static Dispute Read(ref CanonicalReader reader) => new()
    {
        DisputeId = reader.U64("dispute_id"),
        CreditId = reader.U64("credit_id"),
        ProviderId = reader.Utf8("provider_id"),
        Reason = reader.Utf8("reason"),
        OpenedBy = reader.Address("opened_by"),
        OpenedAt = reader.U64("opened_at"),
        OpenedHeight = reader.U64("opened_height"),
        Meter = reader.Utf8("meter"),
        AmountKwh = reader.U64("amount_kwh"),
        ReadingTimestamp = reader.U64("reading_timestamp"),
        Outcome = ReadOutcome(reader.U8("outcome")),
        ResolvedBy = ReadResolver(ref reader),
        ResolvedAt = reader.OptionalU64("resolved_at"),
        ResolvedHeight = reader.OptionalU64("resolved_height"),
        Slashed = reader.OptionalU64("slashed"),
    };

    private static Address? ReadResolver(ref CanonicalReader reader) => reader.U8("resolved_by") switch
    {
        0 => null,
        1 => reader.Address("resolved_by"),
        var flag => throw new FormatException($"resolved_by presence flag is {flag}; expected 0 or 1"),
    };

    private static DisputeOutcome ReadOutcome(byte value) =>
        Enum.IsDefined((DisputeOutcome)value) ? (DisputeOutcome)value : throw new FormatException($"dispute outcome {value} is unknown");
}
