using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>The treasury's transaction kinds. Codes are part of the canonical encoding: never renumber.</summary>
public static class TreasuryKinds
{
    public static TransactionKind DisbursementCreate { get; } = new(2, "disbursement_create");

    public static TransactionKind Vote { get; } = new(3, "vote");

    public static TransactionKind DisbursementRollback { get; } = new(4, "disbursement_rollback");

    public static TransactionKind ExecutorLease { get; } = new(5, "executor_lease");

    public static TransactionKind DisbursementPayout { get; } = new(6, "disbursement_payout");
}
