namespace TheBlock.Protocol.Transactions;

/// <summary>The wire tag of a transaction's payload. Values are part of the canonical encoding: never renumber.</summary>
public enum TransactionKind : byte
{
    Transfer = 1,
}
