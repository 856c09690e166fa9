namespace TheBlock.Protocol.Ledger;

/// <summary>A broken ledger invariant: a bug, never an expected outcome. The node stops rather than go on.</summary>
public sealed class InvariantViolationException : Exception
{
    public InvariantViolationException(string message)
        : base(message)
    {
    }

    public InvariantViolationException()
    {
    }

    public InvariantViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
