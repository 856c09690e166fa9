using System.CommandLine;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>contract-cli receipts …</c>: the runbook's "Receipts Flatlining" reads and repairs, each its method's result
/// unchanged, and <c>sign</c>, which makes a provider's submission offline.
/// </summary>
internal static class ReceiptsCommands
{
    public static Command Create(CommandRunner runner)
    {
        var receipts = new Command("receipts", "Receipts of the storage, compute, energy and ad markets: sign, stats, list, show, validate, reset-validation-state.");
        receipts.Subcommands.Add(ReceiptSignCommand.Create(runner));
        // The receipt-emitter's `receipts submit` (ReceiptSubmitCommand.cs in this folder) registers on the next line.
        receipts.Subcommands.Add(Stats(runner));
        receipts.Subcommands.Add(List(runner));
        receipts.Subcommands.Add(Show(runner));
        receipts.Subcommands.Add(Validate(runner));
        receipts.Subcommands.Add(ResetValidationState(runner));
        return receipts;
    }

    private static Command Stats(CommandRunner runner)
    {
        var market = new Option<string>("--market")
        {
            Description = $"{string.Join(", ", ReceiptsArguments.ReceiptMarkets)}, or {ReceiptsArguments.AllMarkets} for the totals and each market.",
            HelpName = "M",
            DefaultValueFactory = _ => ReceiptsArguments.AllMarkets,
        };
        var command = new Command("stats", HelpText.WithExample(
            "Show a market's emission: emitted_total, emitted_last_10_blocks, last_emitted_height, last_emitted_at, pending, "
            + "validation_errors by reason, active_providers.",
            "contract-cli receipts stats --market storage | jq '{emitted_last_10_blocks, validation_errors}'"))
        {
            market,
        };
        runner.Rpc(command, ReceiptsRpc.Stats, context => new ReceiptStatsParams(ReceiptsArguments.ReceiptMarket(context.Required(market), allowAll: true)));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var market = new Option<string?>("--market") { Description = $"Only this market's receipts: {string.Join(", ", ReceiptsArguments.ReceiptMarkets)}.", HelpName = "M" };
        var provider = new Option<string?>("--provider") { Description = "Only this provider's receipts.", HelpName = "P" };
        var fromBlock = new Option<string?>("--from-block") { Description = "Only receipts at this height or above.", HelpName = "N" };
        var limit = new Option<string?>("--limit") { Description = $"At most this many (1 to {ReceiptsArguments.MaxLimit}; default 100).", HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "The previous page's next_cursor.", HelpName = "C" };
        var command = new Command("list", HelpText.WithExample(
            "List committed receipts newest first, a page at a time: {receipts, next_cursor}.",
            "contract-cli receipts list --market storage --limit 100 | jq -r '.receipts[] | [.receipt_id, .block_height, .amount] | @tsv'"))
        {
            market,
            provider,
            fromBlock,
            limit,
            cursor,
        };
        runner.Rpc(command, ReceiptsRpc.List, context => new ReceiptListParams(
            context.Value(market) is { } m ? ReceiptsArguments.ReceiptMarket(m, allowAll: false) : null,
            context.Value(provider),
            context.Value(fromBlock) is { } from ? ReceiptsArguments.BlockHeight("--from-block", from) : null,
            context.Value(limit) is { } n ? ReceiptsArguments.Limit(n) : null,
            context.Value(cursor)));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Option<string>("--id") { Description = "The receipt id (64 hex characters).", HelpName = "H", Required = true };
        var command = new Command("show", HelpText.WithExample(
            "Show one committed receipt: the common fields and the market's own in fields.",
            "contract-cli receipts show --id 3f0c… | jq '{market, amount, block_height, fields}'"))
        {
            id,
        };
        runner.Rpc(command, ReceiptsRpc.Show, context => new ReceiptShowParams(ReceiptsArguments.ReceiptId(context.Required(id))));
        return command;
    }

    private static Command Validate(CommandRunner runner)
    {
        var fromBlock = new Option<string>("--from-block") { Description = "The first committed block to re-check.", HelpName = "N", Required = true };
        var toBlock = new Option<string?>("--to-block") { Description = "The last one (default: the head).", HelpName = "M" };
        var command = new Command("validate", HelpText.WithExample(
            "Re-check the receipts of committed blocks: {from_block, to_block, blocks, receipts, valid, invalid[]}, each invalid one with its id, "
            + "height and reason. Exits 0 with the report either way.",
            "contract-cli receipts validate --from-block $(( $(contract-cli node status | jq .current_block_height) - 100 ))"))
        {
            fromBlock,
            toBlock,
        };
        runner.Rpc(command, ReceiptsRpc.Validate, context =>
        {
            var from = ReceiptsArguments.BlockHeight("--from-block", context.Required(fromBlock));
            var to = context.Value(toBlock) is { } given ? ReceiptsArguments.BlockHeight("--to-block", given) : (ulong?)null;
            return to < from
                ? throw new CliException(CliErrors.Usage(ReceiptsCliReasons.InvalidBlockRange, $"--to-block {to} is below --from-block {from}; the range runs upwards"))
                : new ReceiptValidateParams(from, to);
        });
        return command;
    }

    private static Command ResetValidationState(CommandRunner runner)
    {
        var command = new Command("reset-validation-state", HelpText.WithExample(
            "Have every receipt-emitter that synced recently clear its duplicate-detection window and last checked height (admin token). "
            + "Safe: the chain's own duplicate check is authoritative. Prints what each emitter cleared.",
            "contract-cli receipts reset-validation-state | jq '.emitters[] | {emitter_id, status, cleared}'"));
        runner.Rpc(command, EmitterRpc.ResetValidationState);
        return command;
    }
}
