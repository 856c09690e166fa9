using System.CommandLine;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// <c>contract-cli gov treasury …</c>: the runbook's "Treasury Stuck" commands. Each is one JSON-RPC method of the
/// same path (<c>gov.treasury.list</c> …) whose result is printed unchanged.
/// </summary>
internal static class GovTreasuryCommands
{
    public static Command Create(CommandRunner runner)
    {
        var treasury = new Command("treasury", "The treasury: balance, disbursements, rollbacks and the executor.");
        treasury.Subcommands.Add(Balance(runner));
        treasury.Subcommands.Add(List(runner));
        treasury.Subcommands.Add(Show(runner));
        treasury.Subcommands.Add(Rollback(runner));
        treasury.Subcommands.Add(Executor(runner));
        return treasury;
    }

    private static Command Balance(CommandRunner runner)
    {
        var command = new Command("balance", HelpText.WithExample(
            "Show the treasury's ct and it balances, its escrow, and the executor's health "
            + "(last_error, last_success_at, pending_matured, lease_holder, lease_expires_at).",
            "contract-cli gov treasury balance | jq .executor"));
        runner.Rpc(command, TreasuryRpc.Balance);
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var status = new Option<string?>("--status")
        {
            Description = $"Only disbursements in this state: {string.Join(", ", DisbursementStates.All.Select(DisbursementStates.Name))}.",
            HelpName = "STATE",
        };
        var limit = new Option<string?>("--limit") { Description = $"At most this many (1 to {TreasuryArguments.MaxLimit}; default 100).", HelpName = "N" };
        var afterId = new Option<ulong?>("--after-id") { Description = "Only ids greater than this: pass the previous page's next_cursor.", HelpName = "ID" };
        var command = new Command("list", HelpText.WithExample(
            "List disbursements oldest first, with the total count and amounts of every match and the cursor of the next page.",
            "contract-cli gov treasury list --status queued --limit 50 | jq -r '.disbursements[].id'"))
        {
            status,
            limit,
            afterId,
        };
        runner.Rpc(command, TreasuryRpc.List, context => new DisbursementListParams(
            context.Value(status) is { } state ? TreasuryArguments.DisbursementState(state) : null,
            context.Value(afterId),
            context.Value(limit) is { } count ? TreasuryArguments.Limit(count) : null));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Option<ulong?>("--id") { Description = "Disbursement id.", HelpName = "ID" };
        var txHash = new Option<string?>("--tx-hash") { Description = "Or: the hash of the transaction that created it.", HelpName = "HASH" };
        var command = new Command("show", HelpText.WithExample(
            "Show one disbursement: its payload, proposal (deps, windows, votes) and status (state and the time of each step).",
            "contract-cli gov treasury show --id 12 | jq '{deps: .proposal.deps, state: .status.state}'"))
        {
            id,
            txHash,
        };
        runner.Rpc(command, TreasuryRpc.Show, context => (context.Value(id), context.Value(txHash)) switch
        {
            ({ } byId, null) => new DisbursementShowParams(Id: byId),
            (null, { } hash) => new DisbursementShowParams(TxHash: ArgumentRules.TransactionHash(hash)),
            _ => throw new CliException(CliErrors.Usage("pass exactly one of --id ID or --tx-hash HASH")),
        });
        return command;
    }

    private static Command Rollback(CommandRunner runner)
    {
        var id = new Option<ulong>("--id") { Description = "Disbursement id.", HelpName = "ID", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why; recorded on chain as the status reason.", HelpName = "TEXT", Required = true };
        var command = new Command("rollback", HelpText.WithExample(
            "Roll a disbursement back (admin token): cancel it and return any escrowed funds to the treasury (its dependents "
            + "follow while treasury.cascade_rollback is on). The node waits until the rollback is committed; prints the "
            + "disbursement after it.",
            "contract-cli gov treasury rollback --id 12 --reason \"Dependency 7 was rolled back\" | jq .status"))
        {
            id,
            reason,
        };
        runner.Rpc(command, TreasuryRpc.Rollback, context => new DisbursementRollbackParams(
            context.Required(id),
            TreasuryArguments.RollbackReason(context.Required(reason))));
        return command;
    }

    private static Command Executor(CommandRunner runner)
    {
        var executor = new Command("executor", HelpText.WithExample(
            "The treasury executor of the node answering: status (the default), pause or resume (admin token). Each prints the "
            + "executor's status afterwards.",
            "contract-cli gov treasury executor | jq '{paused, last_error, pending_matured}'"));
        runner.Rpc(executor, TreasuryRpc.ExecutorStatus);
        executor.Subcommands.Add(ExecutorAction(runner, TreasuryRpc.ExecutorStatus, "status", "Show the executor's status.", "contract-cli gov treasury executor status | jq .lease_holder"));
        executor.Subcommands.Add(ExecutorAction(
            runner,
            TreasuryRpc.ExecutorPause,
            "pause",
            "Stop this node's executor from paying disbursements until it is resumed (admin token); status then shows paused: true.",
            "contract-cli gov treasury executor pause | jq .paused"));
        executor.Subcommands.Add(ExecutorAction(
            runner,
            TreasuryRpc.ExecutorResume,
            "resume",
            "Start paying disbursements again on this node (admin token).",
            "contract-cli gov treasury executor resume | jq .paused"));
        return executor;
    }

    private static Command ExecutorAction(CommandRunner runner, RpcContract<NoParams, ExecutorStatus> contract, string action, string description, string example)
    {
        var command = new Command(action, HelpText.WithExample(description, example));
        runner.Rpc(command, contract);
        return command;
    }
}
