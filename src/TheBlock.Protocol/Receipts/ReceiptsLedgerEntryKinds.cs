using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Receipts;

/// <summary>Why the service markets moved CT. Codes and names are stored: never renumber or rename.</summary>
public static class ReceiptsLedgerEntryKinds
{
    /// <summary>A market provider's stake locked at registration (both sides).</summary>
    public static LedgerEntryKind StakeLock { get; } = new(21, "market_stake_lock");

    /// <summary>A buyer's deposit into an agreement, at opening or a top-up (both sides).</summary>
    public static LedgerEntryKind AgreementDeposit { get; } = new(22, "market_agreement_deposit");

    /// <summary>Receipts' payments leaving the agreements' escrow.</summary>
    public static LedgerEntryKind ReceiptPayment { get; } = new(23, "market_receipt_payment");

    /// <summary>The provider owner's part of receipts' payments.</summary>
    public static LedgerEntryKind ReceiptReceived { get; } = new(24, "market_receipt_received");

    /// <summary>The treasury's fee on receipts' payments (it sub-ledger).</summary>
    public static LedgerEntryKind ReceiptFee { get; } = new(25, "market_receipt_fee");

    /// <summary>The unused deposit returned to the buyer when an agreement closes (both sides).</summary>
    public static LedgerEntryKind AgreementRefund { get; } = new(26, "market_agreement_refund");

    public static IReadOnlyList<LedgerEntryKind> All { get; } =
        [StakeLock, AgreementDeposit, ReceiptPayment, ReceiptReceived, ReceiptFee, AgreementRefund];
}
