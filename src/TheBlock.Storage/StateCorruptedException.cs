namespace TheBlock.Storage;

/// <summary>The stored state does not match what the chain committed to: the node must not serve it.</summary>
public sealed class StateCorruptedException : Exception
{
    public StateCorruptedException(string message)
        : base(message)
    {
    }

    public StateCorruptedException()
    {
    }

    public StateCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
