namespace TheBlock.Protocol.Transactions;

/// <summary>
/// The wire tag of a transaction's payload and its snake_case name for views and logs. Codes are part of the
/// canonical encoding: never renumber. The core owns <see cref="Transfer"/>; each module declares its own kinds.
/// </summary>
public readonly record struct TransactionKind(byte Code, string Name)
{
    public static TransactionKind Transfer { get; } = new(1, "transfer");

    public override string ToString() => Name;
}
