using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Transactions;

/// <summary>What a transaction does; each kind writes its own fixed layout after the common envelope.</summary>
public abstract record TransactionPayload
{
    public abstract TransactionKind Kind { get; }

    /// <summary>CT the payload moves out of the sender's account, on top of the fee.</summary>
    public virtual ulong Spends => 0;

    public abstract void Write(CanonicalWriter writer);

    /// <summary>What the payload must satisfy whatever the state; null when it does.</summary>
    public virtual Rejection? CheckStateless() => null;
}
