using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>The service markets' transaction kinds. Codes are part of the canonical encoding: never renumber.</summary>
public static class ReceiptsKinds
{
    public static TransactionKind ProviderRegister { get; } = new(16, "market_provider_register");

    public static TransactionKind AgreementOpen { get; } = new(17, "market_agreement_open");

    public static TransactionKind AgreementTopUp { get; } = new(18, "market_agreement_top_up");

    public static TransactionKind AgreementClose { get; } = new(19, "market_agreement_close");

    public static TransactionKind ReceiptBatch { get; } = new(20, "market_receipt_batch");
}
