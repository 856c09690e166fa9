using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// Energy delivered by one meter between two accepted readings (spec/energy.md, "Credits and settlement"). The price is
/// fixed when the reading is accepted, so a later price change never alters what a credit pays.
/// </summary>
public sealed record Credit
{
    public required ulong CreditId { get; init; }

    public required string ProviderId { get; init; }

    public required string Meter { get; init; }

    public required ulong AmountKwh { get; init; }

    public required ulong PricePerKwh { get; init; }

    /// <summary>The reading's own timestamp (unix seconds).</summary>
    public required ulong ReadingTimestamp { get; init; }

    /// <summary>The block time the credit was created at (unix seconds).</summary>
    public required ulong CreatedAt { get; init; }

    public required ulong CreatedHeight { get; init; }

    public required CreditStatus Status { get; init; }

    public ulong? SettledAt { get; init; }

    public ulong? SettledHeight { get; init; }

    /// <summary>The energy receipt of the settlement (numbered per chain from 1).</summary>
    public ulong? ReceiptId { get; init; }

    /// <summary>What the offtaker paid, and the treasury's part of it, once settled.</summary>
    public ulong? Payment { get; init; }

    public ulong? Fee { get; init; }

    public ulong? DisputeId { get; init; }

    /// <summary>When the credit became final (settled, expired or voided).</summary>
    public ulong? ClosedAt { get; init; }

    /// <summary>The full payment, or null when it exceeds what any escrow could hold.</summary>
    public ulong? PaymentDue => (UInt128)AmountKwh * PricePerKwh is var due && due <= Ledger.LedgerLimits.MaxSupply ? (ulong)due : null;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128);
        Write(writer);
        return writer.ToArray();
    }

    public void Write(CanonicalWriter writer) =>
        writer.U64(CreditId).Utf8(ProviderId).Utf8(Meter).U64(AmountKwh).U64(PricePerKwh).U64(ReadingTimestamp).U64(CreatedAt)
            .U64(CreatedHeight).U8((byte)Status).OptionalU64(SettledAt).OptionalU64(SettledHeight).OptionalU64(ReceiptId)
            .OptionalU64(Payment).OptionalU64(Fee).OptionalU64(DisputeId).OptionalU64(ClosedAt);

    public static Credit Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var credit = Read(ref reader);
        reader.ExpectEnd("credit");
        return credit;
    }

    public static Credit Read(ref CanonicalReader reader) => new()
    {
        CreditId = reader.U64("credit_id"),
        ProviderId = reader.Utf8("provider_id"),
        Meter = reader.Utf8("meter"),
        AmountKwh = reader.U64("amount_kwh"),
        PricePerKwh = reader.U64("price_per_kwh"),
        ReadingTimestamp = reader.U64("reading_timestamp"),
        CreatedAt = reader.U64("created_at"),
        CreatedHeight = reader.U64("created_height"),
        Status = ReadStatus(reader.U8("status")),
        SettledAt = reader.OptionalU64("settled_at"),
        SettledHeight = reader.OptionalU64("settled_height"),
        ReceiptId = reader.OptionalU64("receipt_id"),
        Payment = reader.OptionalU64("payment"),
        Fee = reader.OptionalU64("fee"),
        DisputeId = reader.OptionalU64("dispute_id"),
        ClosedAt = reader.OptionalU64("closed_at"),
    };

    private static CreditStatus ReadStatus(byte value) =>
        Enum.IsDefined((CreditStatus)value) ? (CreditStatus)value : throw new FormatException($"credit status {value} is unknown");
}
