namespace TheBlock.Protocol.Transactions;

public static class TransactionKinds
{
    /// <summary>The snake_case name shown in views and logs.</summary>
    public static string Name(TransactionKind kind) => kind switch
    {
        TransactionKind.Transfer => "transfer",
        TransactionKind.DisbursementCreate => "disbursement_create",
        TransactionKind.Vote => "vote",
        TransactionKind.DisbursementRollback => "disbursement_rollback",
        TransactionKind.ExecutorLease => "executor_lease",
        TransactionKind.DisbursementPayout => "disbursement_payout",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transaction kind"),
    };
}
