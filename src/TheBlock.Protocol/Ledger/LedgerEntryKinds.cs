namespace TheBlock.Protocol.Ledger;

public static class LedgerEntryKinds
{
    public static string Name(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Genesis => "genesis",
        LedgerEntryKind.BlockReward => "block_reward",
        LedgerEntryKind.TreasuryAccrual => "treasury_accrual",
        LedgerEntryKind.TransferOut => "transfer_out",
        LedgerEntryKind.TransferIn => "transfer_in",
        LedgerEntryKind.Fee => "fee",
        LedgerEntryKind.FeeIncome => "fee_income",
        LedgerEntryKind.DisbursementPayout => "disbursement_payout",
        LedgerEntryKind.DisbursementEscrow => "disbursement_escrow",
        LedgerEntryKind.DisbursementRelease => "disbursement_release",
        LedgerEntryKind.DisbursementReceived => "disbursement_received",
        LedgerEntryKind.DisbursementRefund => "disbursement_refund",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ledger entry kind"),
    };
}
