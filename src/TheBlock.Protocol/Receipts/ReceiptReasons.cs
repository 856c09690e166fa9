namespace TheBlock.Protocol.Receipts;

/// <summary>
/// Why a receipt is refused, in the order the checks run (spec/receipts.md): each is counted in
/// <c>receipt_validation_errors_total{reason}</c>, logged with the market and answered to the submitter under exactly
/// this string. Then why a market transaction is refused as a whole.
/// </summary>
public static class ReceiptReasons
{
    public const string SchemaMismatch = "schema_mismatch";
    public const string DuplicateDetection = "duplicate_detection";
    public const string SignatureInvalid = "signature_invalid";
    public const string AgreementInvalid = "agreement_invalid";
    public const string InsufficientFunds = "insufficient_funds";

    public const string InvalidMarketRequest = "invalid_market_request";
    public const string InvalidReceiptBatch = "invalid_receipt_batch";
    public const string MarketProviderExists = "market_provider_exists";
    public const string MarketProviderNotFound = "market_provider_not_found";
    public const string MarketStakeBelowMinimum = "market_stake_below_minimum";
    public const string AgreementNotFound = "agreement_not_found";
    public const string AgreementClosed = "agreement_closed";
    public const string NotAgreementParty = "not_agreement_party";

    /// <summary>The receipt checks' reasons, in check order.</summary>
    public static IReadOnlyList<string> Validation { get; } = [SchemaMismatch, DuplicateDetection, SignatureInvalid, AgreementInvalid, InsufficientFunds];

    public static IReadOnlyList<string> Transaction { get; } =
    [
        InvalidMarketRequest, InvalidReceiptBatch, MarketProviderExists, MarketProviderNotFound, MarketStakeBelowMinimum, AgreementNotFound,
        AgreementClosed, NotAgreementParty,
    ];
}
