using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Cli;

/// <summary>Process exit codes of contract-cli (spec/conventions.md), defined once.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ServerError = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
}

/// <summary>
/// How contract-cli reports a failure of its own (not relayed from the server); the reasons are the modules' registries'
/// (<see cref="CoreReasonRegistry.Cli"/>, <c>TreasuryReasonRegistry.Cli</c>). The error's
/// <c>code</c> is the JSON-RPC code when the server sent one, otherwise the exit code.
/// </summary>
internal static class CliErrors
{
    public static CliError Usage(string reason, string message) => new(ExitCodes.Usage, ExitCodes.Usage, reason, message);

    public static CliError Usage(string message) => Usage(CoreReasonRegistry.Cli.Usage, message);

    /// <summary>A failure the CLI observed in the server's answer (not a JSON-RPC error): exit 1.</summary>
    public static CliError Failed(string reason, string message) => new(ExitCodes.ServerError, ExitCodes.ServerError, reason, message);

    public static CliError Server(RpcCallException error) => new(ExitCodes.ServerError, error.Code, error.Reason, error.Message);

    public static CliError Unreachable(string message) => Unreachable(CoreReasonRegistry.Cli.Unreachable, message);

    public static CliError Unreachable(string reason, string message) => new(ExitCodes.Unreachable, ExitCodes.Unreachable, reason, message);
}

/// <summary>One failure: the process exit code and the <c>{"error":{code, reason, message}}</c> it prints.</summary>
internal sealed record CliError(int ExitCode, int Code, string Reason, string Message);
