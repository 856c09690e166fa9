using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Json;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Cli.Commands.Dev;

/// <summary>
/// <c>contract-cli dev drill &lt;scenario&gt; [--recover]</c>: puts a devnet into one of the runbook's failure states, or
/// takes it out again, so an operator (or CI) sees the symptom the runbook starts from. Refused, before anything is
/// sent but <c>node.status</c>, on a chain that is not a devnet and for a scenario it does not know (exit 2).
/// </summary>
internal static class DevCommands
{
    public static Command Create(CommandRunner runner)
    {
        var dev = new Command("dev", "Developer tools for a devnet.");
        dev.Subcommands.Add(Drill(runner));
        return dev;
    }

    private static Command Drill(CommandRunner runner)
    {
        var known = string.Join(", ", DrillScenarios.All.Select(d => d.Name));
        var scenario = new Argument<string>("scenario") { Description = $"One of: {known}." };
        var recover = new Option<bool>("--recover") { Description = "Undo the scenario, so its symptom clears." };
        var command = new Command("drill", HelpText.WithExample(
            "Reproduce one of the runbook's failure states on a devnet (chain id devnet), or undo it with --recover. Prints "
            + "what it did and the commands and PromQL that show the symptom. Scenarios: "
            + string.Join("; ", DrillScenarios.All.Select(d => $"{d.Name} ({d.Reproduces})")) + ".",
            "contract-cli dev drill market-flatline && contract-cli dev drill market-flatline --recover"))
        {
            scenario,
            recover,
        };
        foreach (var option in DrillScenarios.All.SelectMany(d => d.Options).Distinct())
        {
            command.Options.Add(option);
        }

        runner.Handle(command, async (context, cancellationToken) =>
        {
            var name = context.ParseResult.GetRequiredValue(scenario);
            var drill = DrillScenarios.All.FirstOrDefault(d => d.Name == name)
                ?? throw new CliException(CliErrors.Usage(CoreReasonRegistry.Cli.UnknownDrill, $"drill scenario \"{name}\" is not one of: {known}"));
            await RequireDevnetAsync(context, cancellationToken).ConfigureAwait(false);
            var report = context.Value(recover)
                ? await drill.RecoverAsync(context, cancellationToken).ConfigureAwait(false)
                : await drill.RunAsync(context, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.SerializeToElement(report, CliJsonContext.Default.DrillReport);
        });
        return command;
    }

    private static async Task RequireDevnetAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = await context.CallAsync(CoreRpc.NodeStatus, NoParams.Value, cancellationToken).ConfigureAwait(false);
        if (status.ChainId != DevnetChain.Id)
        {
            throw new CliException(CliErrors.Usage(
                CoreReasonRegistry.Cli.NotADevnet,
                $"chain \"{status.ChainId}\" is not a devnet (chain id \"{DevnetChain.Id}\"): drills break things on purpose and run only against a devnet; nothing was changed"));
        }
    }
}
