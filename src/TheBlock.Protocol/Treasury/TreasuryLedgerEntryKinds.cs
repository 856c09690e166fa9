using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury;

/// <summary>Why the treasury module moved CT. Codes and names are stored: never renumber or rename.</summary>
public static class TreasuryLedgerEntryKinds
{
    /// <summary>A disbursement paid out of the treasury (treasury side).</summary>
    public static LedgerEntryKind DisbursementPayout { get; } = new(8, "disbursement_payout");

    /// <summary>The same payout arriving in escrow.</summary>
    public static LedgerEntryKind DisbursementEscrow { get; } = new(9, "disbursement_escrow");

    /// <summary>A finalized disbursement leaving escrow.</summary>
    public static LedgerEntryKind DisbursementRelease { get; } = new(10, "disbursement_release");

    /// <summary>The destination credited at finalization.</summary>
    public static LedgerEntryKind DisbursementReceived { get; } = new(11, "disbursement_received");

    /// <summary>A rolled-back disbursement's escrow returned to the treasury (both sides).</summary>
    public static LedgerEntryKind DisbursementRefund { get; } = new(12, "disbursement_refund");

    public static IReadOnlyList<LedgerEntryKind> All { get; } = [DisbursementPayout, DisbursementEscrow, DisbursementRelease, DisbursementReceived, DisbursementRefund];
}
