using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>The sender (the buyer) opens an agreement with a market provider at <see cref="UnitPrice"/> CT per unit, depositing <see cref="Deposit"/> CT.</summary>
public sealed record AgreementOpenPayload(ServiceMarket Market, string ProviderId, ulong UnitPrice, ulong Deposit) : TransactionPayload
{
    public override TransactionKind Kind => ReceiptsKinds.AgreementOpen;

    public override ulong Spends => Deposit;

    public override void Write(CanonicalWriter writer) => writer.U8((byte)Market).Utf8(ProviderId).U64(UnitPrice).U64(Deposit);

    public override Rejection? CheckStateless()
    {
        if (ReceiptsLimits.IdProblem("provider_id", ProviderId) is { } problem)
        {
            return new Rejection(ReceiptReasons.InvalidMarketRequest, problem);
        }

        return UnitPrice is 0 or > ReceiptsLimits.MaxUnitPrice
            ? new Rejection(ReceiptReasons.InvalidMarketRequest, $"unit_price must be 1 to {ReceiptsLimits.MaxUnitPrice} CT, not {UnitPrice}")
            : null;
    }

    public static AgreementOpenPayload Read(ref CanonicalReader reader) =>
        new(PayloadFields.Market(ref reader), reader.Utf8("provider_id"), reader.U64("unit_price"), reader.U64("deposit"));
}

/// <summary>The agreement's buyer adds <see cref="Amount"/> CT to its deposit.</summary>
public sealed record AgreementTopUpPayload(ulong AgreementId, ulong Amount) : TransactionPayload
{
    public override TransactionKind Kind => ReceiptsKinds.AgreementTopUp;

    public override ulong Spends => Amount;

    public override void Write(CanonicalWriter writer) => writer.U64(AgreementId).U64(Amount);

    public override Rejection? CheckStateless() =>
        Amount == 0 ? new Rejection(ReceiptReasons.InvalidMarketRequest, "a top-up adds at least 1 CT") : null;

    public static AgreementTopUpPayload Read(ref CanonicalReader reader) => new(reader.U64("agreement_id"), reader.U64("amount"));
}

/// <summary>The agreement's buyer or its provider's owner closes it; the unused deposit returns to the buyer.</summary>
public sealed record AgreementClosePayload(ulong AgreementId) : TransactionPayload
{
    public override TransactionKind Kind => ReceiptsKinds.AgreementClose;

    public override void Write(CanonicalWriter writer) => writer.U64(AgreementId);

    public static AgreementClosePayload Read(ref CanonicalReader reader) => new(reader.U64("agreement_id"));
}

internal static class PayloadFields
{
    public static ServiceMarket Market(ref CanonicalReader reader)
    {
        var code = reader.U8("market");
        return ServiceMarkets.IsDefined(code) ? (ServiceMarket)code : throw new FormatException($"market code {code} is unknown");
    }
}
