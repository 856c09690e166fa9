using System.CommandLine;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary><c>contract-cli energy disputes …</c>: open one (a transaction of the CLI key), resolve one (admin RPC), list and show.</summary>
internal static class EnergyDisputeCommands
{
    public static Command Create(CommandRunner runner)
    {
        var disputes = new Command("disputes", "Disputes of pending credits.");
        disputes.Subcommands.Add(Open(runner));
        disputes.Subcommands.Add(Resolve(runner));
        disputes.Subcommands.Add(List(runner));
        disputes.Subcommands.Add(Show(runner));
        return disputes;
    }

    private static Command Open(CommandRunner runner)
    {
        var creditId = new Option<ulong>("--credit-id") { Description = "The pending credit.", HelpName = "N", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why; recorded on chain.", HelpName = "TEXT", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("open", HelpText.WithExample(
            "Dispute a pending credit as its offtaker (or a validator key): it is not settled while the dispute is open.",
            "contract-cli energy disputes open --key offtaker.key --credit-id 42 --reason \"meter reads above capacity\""))
        {
            creditId,
            reason,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
            TransactionSubmitter.SubmitAsync(
                context, EnergyArguments.Checked(new DisputeOpenPayload(context.Required(creditId), context.Required(reason))), submit.Read(context), cancellationToken));
        return command;
    }

    private static Command Resolve(CommandRunner runner)
    {
        var id = new Option<ulong>("--id") { Description = "The dispute.", HelpName = "I", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "upheld (void the credit, slash the provider) or rejected (credit back to pending).", HelpName = "O", Required = true };
        var command = new Command("resolve", HelpText.WithExample(
            "Resolve an open dispute (admin token): the node signs the resolution, waits until committed and prints the dispute after it.",
            "contract-cli energy disputes resolve --id 3 --outcome upheld | jq .outcome"))
        {
            id,
            outcome,
        };
        runner.Rpc(command, EnergyRpc.DisputesResolve, context => new DisputeResolveParams(context.Required(id), EnergyArguments.Outcome(context.Required(outcome))));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var status = new Option<string?>("--status") { Description = "open or resolved.", HelpName = "S" };
        var limit = new Option<string?>("--limit") { Description = $"At most this many (1 to {EnergyArguments.MaxLimit}; default 100).", HelpName = "N" };
        var command = new Command("list", HelpText.WithExample(
            "List disputes newest first.",
            "contract-cli energy disputes list --status resolved | jq -r '.disputes[].dispute_id'"))
        {
            status,
            limit,
        };
        runner.Rpc(command, EnergyRpc.DisputesList, context => new DisputeListParams(
            context.Value(status) is { } s ? EnergyArguments.DisputeStatus(s) : null,
            context.Value(limit) is { } n ? EnergyArguments.Limit(n) : null));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Option<ulong>("--id") { Description = "The dispute.", HelpName = "I", Required = true };
        var command = new Command("show", HelpText.WithExample(
            "Show one dispute with its credit and the evidence (the disputed reading as the credit recorded it).",
            "contract-cli energy disputes show --id 3 | jq .evidence"))
        {
            id,
        };
        runner.Rpc(command, EnergyRpc.DisputesShow, context => new DisputeShowParams(context.Required(id)));
        return command;
    }
}
