using System.CommandLine;
using TheBlock.Client.Energy;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary><c>contract-cli energy market</c> and <c>energy credits list</c>: the runbook's "Energy Stalled" reads, each its method's result unchanged.</summary>
internal static class EnergyMarketCommands
{
    public static Command Market(CommandRunner runner)
    {
        var command = new Command("market", HelpText.WithExample(
            "Show every provider (status, reputation_score, reputation, terms, stake, open credits, settled kWh) and the market's summary.",
            "contract-cli energy market | jq -r '.providers[].provider_id'"));
        runner.Rpc(command, EnergyRpc.Market);
        return command;
    }

    public static Command Credits(CommandRunner runner)
    {
        var credits = new Command("credits", "Energy credits: what accepted readings are owed.");
        var status = new Option<string?>("--status")
        {
            Description = $"Only credits in this status: {string.Join(", ", CreditStatuses.All.Select(CreditStatuses.Name))}.",
            HelpName = "S",
        };
        var provider = new Option<string?>("--provider") { Description = "Only this provider's credits.", HelpName = "P" };
        var limit = new Option<string?>("--limit") { Description = $"At most this many (1 to {EnergyArguments.MaxLimit}; default 100).", HelpName = "N" };
        var beforeId = new Option<ulong?>("--before-id") { Description = "Only ids below this: pass the previous page's next_before_id.", HelpName = "ID" };
        var list = new Command("list", HelpText.WithExample(
            "List credits newest first, with the cursor of the next page.",
            "contract-cli energy credits list --status pending --limit 50 | jq '.credits | map(.amount_kwh) | add'"))
        {
            status,
            provider,
            limit,
            beforeId,
        };
        runner.Rpc(list, EnergyRpc.CreditsList, context => new CreditListParams(
            context.Value(status) is { } s ? EnergyArguments.CreditStatus(s) : null,
            context.Value(provider),
            context.Value(limit) is { } n ? EnergyArguments.Limit(n) : null,
            context.Value(beforeId)));
        credits.Subcommands.Add(list);
        return credits;
    }
}
