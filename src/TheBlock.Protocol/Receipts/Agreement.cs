using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Receipts;

public enum AgreementStatus : byte
{
    Open = 1,
    Closed = 2,
}

/// <summary>
/// A buyer's service agreement with one market provider: the unit price is fixed at opening, the deposit sits in the
/// markets' escrow and each receipt pays <c>units × unit_price</c> from it; closing refunds what is left.
/// </summary>
public sealed record Agreement
{
    public required ulong AgreementId { get; init; }

    public required ServiceMarket Market { get; init; }

    public required string ProviderId { get; init; }

    public required Address Buyer { get; init; }

    public required ulong UnitPrice { get; init; }

    /// <summary>What is left of the deposits to pay receipts from (zero once closed).</summary>
    public required ulong Deposit { get; init; }

    /// <summary>Everything receipts paid from it, fees included.</summary>
    public required ulong Paid { get; init; }

    public required ulong Units { get; init; }

    public required ulong Receipts { get; init; }

    public required AgreementStatus Status { get; init; }

    public required ulong OpenedHeight { get; init; }

    public required ulong OpenedAt { get; init; }

    public ulong? ClosedAt { get; init; }

    public ulong? Refunded { get; init; }

    public string StatusName => Status == AgreementStatus.Open ? "open" : "closed";

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(160);
        Write(writer);
        return writer.ToArray();
    }

    public void Write(CanonicalWriter writer) =>
        writer.U64(AgreementId).U8((byte)Market).Utf8(ProviderId).Address(Buyer).U64(UnitPrice).U64(Deposit).U64(Paid).U64(Units)
            .U64(Receipts).U8((byte)Status).U64(OpenedHeight).U64(OpenedAt).OptionalU64(ClosedAt).OptionalU64(Refunded);

    public static Agreement Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var agreement = Read(ref reader);
        reader.ExpectEnd("agreement");
        return agreement;
    }

    public static Agreement Read(ref CanonicalReader reader)
    {
        var id = reader.U64("agreement_id");
        var market = reader.U8("market");
        var providerId = reader.Utf8("provider_id");
        var buyer = reader.Address("buyer");
        var unitPrice = reader.U64("unit_price");
        var deposit = reader.U64("deposit");
        var paid = reader.U64("paid");
        var units = reader.U64("units");
        var receipts = reader.U64("receipts");
        var status = reader.U8("status");
        return new Agreement
        {
            AgreementId = id,
            Market = ServiceMarkets.IsDefined(market) ? (ServiceMarket)market : throw new FormatException($"market code {market} is unknown"),
            ProviderId = providerId,
            Buyer = buyer,
            UnitPrice = unitPrice,
            Deposit = deposit,
            Paid = paid,
            Units = units,
            Receipts = receipts,
            Status = Enum.IsDefined((AgreementStatus)status) ? (AgreementStatus)status : throw new FormatException($"agreement status {status} is unknown"),
            OpenedHeight = reader.U64("opened_height"),
            OpenedAt = reader.U64("opened_at"),
            ClosedAt = reader.OptionalU64("closed_at"),
            Refunded = reader.OptionalU64("refunded"),
        };
    }
}
