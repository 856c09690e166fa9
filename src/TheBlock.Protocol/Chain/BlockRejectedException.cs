using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Chain;

/// <summary>A block that breaks a rule; carries the reason so it can be logged and counted.</summary>
public sealed class BlockRejectedException : Exception
{
    public BlockRejectedException(Rejection rejection)
        : base(rejection.ToString()) => Rejection = rejection;

    public BlockRejectedException()
        : this(new Rejection("invalid_block", "block rejected"))
    {
    }

    public BlockRejectedException(string message)
        : this(new Rejection("invalid_block", message))
    {
    }

    public BlockRejectedException(string message, Exception innerException)
        : base(message, innerException) => Rejection = new Rejection("invalid_block", message);

    public Rejection Rejection { get; }
}
