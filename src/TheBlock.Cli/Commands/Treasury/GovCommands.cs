using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary><c>contract-cli gov …</c>: the treasury, disbursement proposals and the council's votes.</summary>
internal static class GovCommands
{
    public static Command Create(CommandRunner runner)
    {
        var gov = new Command("gov", "Governance: the treasury and its disbursements, proposals and votes.");
        gov.Subcommands.Add(GovTreasuryCommands.Create(runner));
        gov.Subcommands.Add(GovDisburseCommands.Create(runner));
        gov.Subcommands.Add(Vote(runner));
        return gov;
    }

    private static Command Vote(CommandRunner runner)
    {
        var id = new Option<ulong>("--id") { Description = "Disbursement id.", HelpName = "ID", Required = true };
        var choice = new Option<string>("--choice") { Description = "yes, no or abstain.", HelpName = "CHOICE", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("vote", HelpText.WithExample(
            "Cast the CLI key's council vote on a disbursement in voting, wait until it is committed, and print the vote "
            + "with the disbursement's tally and state after it: {id, voter, choice, tx_hash, block_height, tally, state}.",
            "contract-cli gov vote --id 12 --choice yes | jq .tally"))
        {
            id,
            choice,
        };
        submit.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var disbursementId = context.Required(id);
            var vote = TreasuryArguments.VoteChoice(context.Required(choice));
            var settings = submit.Read(context);
            string voter;
            using (var key = context.LoadSigningKey())
            {
                voter = key.Address.ToString();
            }

            var submitted = await TransactionSubmitter.SubmitAsync(context, new VotePayload(disbursementId, vote), settings, cancellationToken);
            if (!settings.Wait)
            {
                return submitted;
            }

            var committed = CommandContext.Read(CoreRpc.TxStatus, submitted);
            var disbursement = await context.CallAsync(TreasuryRpc.Show, new DisbursementShowParams(Id: disbursementId), cancellationToken);
            var votes = disbursement.Proposal.Votes;
            var view = new VoteCast(
                disbursementId,
                voter,
                VoteChoices.Name(vote),
                committed.TxHash,
                committed.BlockHeight ?? 0,
                new VoteTallyView(votes.Yes, votes.No, votes.Abstain),
                disbursement.Status.State);
            return JsonSerializer.SerializeToElement(view, TreasuryJsonContext.Default.VoteCast);
        });
        return command;
    }
}
