using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Output;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Cli;

/// <summary>
/// Turns a command's handler into its action: the handler returns the JSON to print, and every failure,
/// whatever raised it, becomes the one JSON error on stderr with its exit code. Command groups only use this.
/// </summary>
internal sealed class CommandRunner(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
{
    public GlobalOptions Globals => globals;

    /// <summary>A thin RPC command: <paramref name="contract"/>'s method with the params built from the options, result printed unchanged.</summary>
    public void Rpc<TParams, TResult>(Command command, RpcContract<TParams, TResult> contract, Func<CommandContext, TParams> parameters) =>
        Handle(command, (context, cancellationToken) => context.CallRawAsync(contract, parameters(context), cancellationToken));

    /// <summary>A thin RPC command of a method that takes no params.</summary>
    public void Rpc<TResult>(Command command, RpcContract<NoParams, TResult> contract) => Rpc(command, contract, _ => NoParams.Value);

    public void Handle(Command command, Func<CommandContext, JsonElement> handler) =>
        Handle(command, (context, _) => Task.FromResult(handler(context)));

    public void Handle(Command command, Func<CommandContext, CancellationToken, Task<JsonElement>> handler) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, handler, cancellationToken));

    private async Task<int> RunAsync(ParseResult parseResult, Func<CommandContext, CancellationToken, Task<JsonElement>> handler, CancellationToken cancellationToken)
    {
        using var context = new CommandContext(parseResult, globals, ProgressWriter());
        CliError error;
        try
        {
            var result = await handler(context, cancellationToken).ConfigureAwait(false);
            if (context.OutputFormat == GlobalOptions.Table)
            {
                TableOutput.Write(stdout, result);
            }
            else
            {
                await stdout.WriteAsync(JsonOutput.Format(result)).ConfigureAwait(false);
            }

            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (CliException ex)
        {
            error = ex.Error;
        }
        catch (RpcCallException ex)
        {
            error = CliErrors.Server(ex);
        }
        catch (RpcUnreachableException ex)
        {
            error = CliErrors.Unreachable(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug still answers in the documented shape, so a script piping stderr to jq sees an error, not a stack trace.
            error = CliErrors.Failed(CoreReasonRegistry.InternalError, ex.Message);
        }

        ErrorOutput.Write(stderr, error);
        return error.ExitCode;
    }

    /// <summary>Progress goes to stderr only when it is a terminal: scripts and tests see nothing but the result.</summary>
    private TextWriter? ProgressWriter() =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? stderr : null;
}
