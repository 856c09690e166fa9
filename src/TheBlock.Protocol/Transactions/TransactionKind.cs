namespace TheBlock.Protocol.Transactions;

/// <summary>The wire tag of a transaction's payload. Values are part of the canonical encoding: never renumber.</summary>
public enum TransactionKind : byte
{
    Transfer = 1,
    DisbursementCreate = 2,
    Vote = 3,
    DisbursementRollback = 4,
    ExecutorLease = 5,
    DisbursementPayout = 6,
}
