using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Json;
using TheBlock.Cli.Output;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary><c>contract-cli audit …</c>: checks that the chain's books add up.</summary>
internal static class AuditCommands
{
    public static Command Create(CommandRunner runner)
    {
        var audit = new Command("audit", "Audits of the chain's books.");
        audit.Subcommands.Add(Settlement(runner));
        return audit;
    }

    private static Command Settlement(CommandRunner runner)
    {
        var from = new Option<ulong?>("--from-epoch") { Description = "First epoch audited (default: the node's Node:AuditDefaultEpochs most recent, 100 unless configured).", HelpName = "A" };
        var to = new Option<ulong?>("--to-epoch") { Description = "Last epoch audited (default: the current one).", HelpName = "B" };
        var command = new Command("settlement", HelpText.WithExample(
            "Check treasury conservation over an epoch range: initial + accruals − executed + rolled back from escrow = final, "
            + "per sub-ledger, and the escrow's balance. --output table prints the runbook's text. When a balance does not add "
            + "up the audit is still printed, then the command exits 1 with reason conservation_violated.",
            "contract-cli audit settlement --from-epoch 0 --to-epoch 1000 --output table"))
        {
            from,
            to,
        };
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var (start, end) = (context.Value(from), context.Value(to));
            TreasuryArguments.EpochRange(start, end);
            var result = await context.CallRawAsync(TreasuryRpc.AuditSettlement, new SettlementAuditParams(start, end), cancellationToken);
            var audit = CommandContext.Read(TreasuryRpc.AuditSettlement, result);

            // The table form is the runbook's text; TableOutput prints a string result as that text, unchanged.
            var printed = context.OutputFormat == GlobalOptions.Table
                ? JsonSerializer.SerializeToElement(SettlementAuditText.Render(audit).TrimEnd('\n'), CliJsonContext.Default.String)
                : result;
            if (audit.Conserved)
            {
                return printed;
            }

            // A failed audit is the answer the operator asked for, so it is printed like any result, and the exit code
            // and error say it failed: `audit settlement > report.json || page-someone` keeps the evidence.
            var stdout = context.ParseResult.InvocationConfiguration.Output;
            if (context.OutputFormat == GlobalOptions.Table)
            {
                TableOutput.Write(stdout, printed);
            }
            else
            {
                await stdout.WriteAsync(JsonOutput.Format(printed));
            }

            await stdout.FlushAsync(cancellationToken);
            throw new CliException(CliErrors.Failed(TreasuryReasonRegistry.Cli.ConservationViolated, Summary(audit)));
        });
        return command;
    }

    private static string Summary(SettlementAudit audit)
    {
        var each = audit.Discrepancies.Select(d =>
            $"{d.Account}{(d.SubLedger is null ? string.Empty : " " + d.SubLedger)} expected {d.Expected} CT, actual {d.Actual} CT"
            + (d.DisbursementIds.Count == 0 ? string.Empty : $" (disbursements {string.Join(", ", d.DisbursementIds)})"));
        return $"treasury conservation does not hold over epochs {audit.FromEpoch}–{audit.ToEpoch}: {string.Join("; ", each)}";
    }
}
