using System.CommandLine;
using System.CommandLine.Help;
using TheBlock.Cli.Commands;
using TheBlock.Cli.Output;

namespace TheBlock.Cli;

/// <summary>contract-cli, runnable in-process: parse, report usage errors as JSON (exit 2), or run the command.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var root = Build(stdout, stderr);
        var parseResult = root.Parse(args);

        // System.CommandLine would print parse errors as text and exit 1; the contract is JSON on stderr and exit 2.
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            var message = string.Join(" ", parseResult.Errors.Select(error => OneLine(error.Message)).Distinct());
            ErrorOutput.Write(stderr, CliErrors.Usage(message));
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parseResult.InvokeAsync(configuration, ct).ConfigureAwait(false);
    }

    // Some parser messages list choices on tab-indented lines; the error object carries one sentence.
    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(globals, stdout, stderr);
        var root = new RootCommand(HelpText.WithExample(
            "contract-cli: the operator's client for The Block. Prints JSON on stdout; errors are one JSON object on stderr "
            + "(exit 1 server error, 2 usage, 3 unreachable).",
            "contract-cli node status | jq .current_block_height"));
        globals.AddTo(root);
        foreach (var group in CommandGroups.All)
        {
            root.Subcommands.Add(group(runner));
        }

        return root;
    }
}
