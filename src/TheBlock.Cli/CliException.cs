using TheBlock.Client.Core;

namespace TheBlock.Cli;

/// <summary>
/// Carries a <see cref="CliError"/> from deep inside a command (argument checks, key loading) to the one place
/// that prints it, so each command reads as its happy path.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(CliError error)
        : base(error.Message) => Error = error;

    public CliException()
        : this(CliErrors.Failed(CoreReasonRegistry.InternalError, "unknown error"))
    {
    }

    public CliException(string message)
        : this(CliErrors.Failed(CoreReasonRegistry.InternalError, message))
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => Error = CliErrors.Failed(CoreReasonRegistry.InternalError, message);

    public CliError Error { get; }
}
