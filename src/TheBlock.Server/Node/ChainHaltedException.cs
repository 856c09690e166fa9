namespace TheBlock.Server.Node;

/// <summary>The host stopped because the chain halted (<see cref="ChainHalt"/>); the command exits non-zero with it.</summary>
public sealed class ChainHaltedException : Exception
{
    public ChainHaltedException(string message)
        : base(message)
    {
    }

    public ChainHaltedException()
    {
    }

    public ChainHaltedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
