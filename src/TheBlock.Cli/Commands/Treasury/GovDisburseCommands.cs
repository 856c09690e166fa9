using System.CommandLine;
using TheBlock.Cli.Input;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// <c>contract-cli gov disburse …</c>: propose a disbursement from a JSON file (docs/TREASURY.md, "Proposal payload").
/// <c>preview</c> asks the node, which knows the next id and the governance defaults; <c>create</c> checks the file
/// locally with the same reader before signing anything.
/// </summary>
internal static class GovDisburseCommands
{
    public static Command Create(CommandRunner runner)
    {
        var disburse = new Command("disburse", "Disbursement proposals: preview one, or submit it.");
        disburse.Subcommands.Add(Preview(runner));
        disburse.Subcommands.Add(Submit(runner));
        return disburse;
    }

    private static Option<string> JsonFile() => new("--json")
    {
        Description = "The proposal: a JSON file, or - for stdin.",
        HelpName = "FILE",
        Required = true,
    };

    private static Command Preview(CommandRunner runner)
    {
        var json = JsonFile();
        var command = new Command("preview", HelpText.WithExample(
            "Validate a proposal without submitting it: every problem found (not just the first), the id it would get, and the "
            + "proposal with the governance defaults filled in. Exits 0 whatever the problems: read .valid.",
            "contract-cli gov disburse preview --json proposal.json | jq '.problems[] | \"\\(.field): \\(.message)\"'"))
        {
            json,
        };
        runner.Handle(command, async (context, cancellationToken) =>
        {
            using var document = JsonInput.Read(context.Required(json));

            // The node reads it with the same ProposalDocument, knowing the next id: the file goes as written.
            return await context.CallRawAsync(TreasuryRpc.DisbursePreview, new DisbursementPreviewParams(document.RootElement), cancellationToken);
        });
        return command;
    }

    private static Command Submit(CommandRunner runner)
    {
        var json = JsonFile();
        var submit = new SubmitOptions();
        var command = new Command("create", HelpText.WithExample(
            "Submit a proposal signed by the CLI key (a council member), wait until it is committed and print the new "
            + "disbursement. A file with problems is refused before anything is signed, with the first problem's reason.",
            "contract-cli gov disburse create --json proposal.json | jq '{id, state: .status.state}'"))
        {
            json,
        };
        submit.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var proposal = ReadValid(context.Required(json));
            var settings = submit.Read(context);
            var submitted = await TransactionSubmitter.SubmitAsync(context, new DisbursementCreatePayload(proposal), settings, cancellationToken);
            if (!settings.Wait)
            {
                return submitted;
            }

            // The committed transaction's result carries the new disbursement: one wait, no second lookup.
            var committed = CommandContext.Read(CoreRpc.TxStatus, submitted);
            return committed.Events?.FirstOrDefault(e => e.Type == DisbursementCreated.EventName)?.Data
                ?? throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.UnexpectedResponse,
                    $"transaction {committed.TxHash} was committed but its result names no created disbursement"));
        });
        return command;
    }

    /// <summary>
    /// The proposal, or a usage error whose reason is the first problem's and whose message names every problem.
    /// Offline the next id is unknown, so whether dependencies exist is left to the chain.
    /// </summary>
    private static DisbursementProposal ReadValid(string path)
    {
        using var document = JsonInput.Read(path);
        var reading = ProposalDocument.Read(document.RootElement, nextId: null);
        if (reading.IsValid)
        {
            return reading.Proposal!;
        }

        var problems = reading.Problems;
        // Each message names its field, so the list reads as sentences; the reason codes stay visible for scripts and searches.
        var list = string.Join("; ", problems.Select(problem => $"{problem.Message} ({problem.Reason})"));
        var noun = problems.Count == 1 ? "problem" : "problems";
        throw new CliException(CliErrors.Usage(problems[0].Reason, $"the proposal has {problems.Count} {noun}: {list}"));
    }
}
