namespace TheBlock.Protocol.Ledger;

/// <summary>Why a balance changed. The snake_case names (<see cref="LedgerEntryKinds"/>) are stored and shown.</summary>
public enum LedgerEntryKind : byte
{
    Genesis = 1,
    BlockReward = 2,
    TreasuryAccrual = 3,
    TransferOut = 4,
    TransferIn = 5,
    Fee = 6,
    FeeIncome = 7,
    /// <summary>A disbursement paid out of the treasury (treasury side).</summary>
    DisbursementPayout = 8,
    /// <summary>The same payout arriving in escrow.</summary>
    DisbursementEscrow = 9,
    /// <summary>A finalized disbursement leaving escrow.</summary>
    DisbursementRelease = 10,
    /// <summary>The destination credited at finalization.</summary>
    DisbursementReceived = 11,
    /// <summary>A rolled-back disbursement's escrow returned to the treasury (both sides).</summary>
    DisbursementRefund = 12,
}
