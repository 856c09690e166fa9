using TheBlock.Client.Receipts;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts;

/// <summary>The receipts module's records as the RPC answers them.</summary>
internal static class ReceiptViews
{
    public const string AgreementReference = "agreement_id";
    public const string CreditReference = "credit_id";

    public static ReceiptView ToView(ServiceReceipt receipt, ulong height) => new(
        receipt.ReceiptId.ToString(),
        receipt.Market,
        receipt.ProviderId,
        receipt.Buyer.ToString(),
        receipt.ReferenceName == CreditReference ? null : receipt.AgreementId,
        receipt.ReferenceName == CreditReference ? receipt.AgreementId : null,
        receipt.Units,
        receipt.Amount,
        receipt.Fee,
        height,
        receipt.CreatedAt,
        receipt.Nonce,
        receipt.Fields.ToDictionary(field => field.Name, field => field.Number is { } number ? (object)number : field.Text!, StringComparer.Ordinal));

    public static MarketProviderView ToView(MarketProvider provider) => new(
        ServiceMarkets.Name(provider.Market), provider.ProviderId, provider.Owner.ToString(), Convert.ToBase64String(provider.PublicKey), provider.Stake,
        provider.RegisteredHeight, provider.RegisteredAt);

    public static AgreementView ToView(Agreement agreement) => new(
        agreement.AgreementId, ServiceMarkets.Name(agreement.Market), agreement.ProviderId, agreement.Buyer.ToString(), agreement.UnitPrice, agreement.Deposit,
        agreement.Paid, agreement.Units, agreement.Receipts, agreement.StatusName, agreement.OpenedHeight, agreement.OpenedAt, agreement.ClosedAt, agreement.Refunded);
}
