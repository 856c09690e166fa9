namespace TheBlock.Server;

/// <summary>A reason the server cannot start, said in one line to the operator (exit code 1, no stack trace).</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException()
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
