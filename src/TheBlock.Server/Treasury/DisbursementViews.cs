using TheBlock.Client.Treasury;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Treasury;

/// <summary>Disbursements and the executor as the wire shows them (docs/TREASURY.md).</summary>
public static class DisbursementViews
{
    /// <summary>Views of a page; addresses repeat across disbursements (council voters, destinations), so each is encoded once.</summary>
    public static List<DisbursementView> ToViews(IEnumerable<Disbursement> disbursements)
    {
        var names = new Dictionary<Address, string>();
        string Name(Address address)
        {
            if (!names.TryGetValue(address, out var name))
            {
                name = address.ToString();
                names[address] = name;
            }

            return name;
        }

        return [.. disbursements.Select(d => ToView(d, Name))];
    }

    public static DisbursementView ToView(Disbursement disbursement) => ToView(disbursement, address => address.ToString());

    private static DisbursementView ToView(Disbursement disbursement, Func<Address, string> name)
    {
        var proposal = disbursement.Proposal;
        return new DisbursementView(
            disbursement.Id,
            proposal.Title,
            proposal.Summary,
            name(proposal.Destination),
            proposal.AmountCt,
            proposal.AmountIt,
            proposal.Memo,
            proposal.ScheduledEpoch,
            [.. proposal.ExpectedReceipts.Select(r => new ExpectedReceiptView(name(r.Account), r.AmountCt, r.AmountIt))],
            name(disbursement.Proposer),
            (long)disbursement.CreatedAt,
            (long)disbursement.UpdatedAt,
            disbursement.CreatedHeight,
            disbursement.CreatedTx.ToString(),
            new DisbursementProposalView(
                [.. proposal.Deps],
                disbursement.VoteWindowEpochs,
                disbursement.TimelockEpochs,
                disbursement.RollbackWindowEpochs,
                disbursement.QuorumPpm,
                disbursement.ThresholdPpm,
                disbursement.TotalVotingPower,
                disbursement.VotingEndsHeight,
                disbursement.TimelockEndsHeight,
                disbursement.FinalizesAtHeight,
                new DisbursementVotesView(
                    disbursement.Tally.Yes,
                    disbursement.Tally.No,
                    disbursement.Tally.Abstain,
                    [.. disbursement.Votes.Select(v => new CastVoteView(name(v.Voter), VoteChoices.Name(v.Choice), v.Power))]),
                new DisbursementRollbackVotesView(
                    disbursement.RollbackPower,
                    disbursement.RollbackPowerNeeded,
                    [.. disbursement.RollbackVotes.Select(v => new RollbackVoteView(name(v.Voter), v.Power, v.Reason))])),
            new DisbursementStatusView(
                DisbursementStates.Name(disbursement.State),
                (long)disbursement.Since,
                disbursement.Reason,
                disbursement.StateTx?.ToString(),
                (long?)disbursement.QueuedAt,
                (long?)disbursement.ExecutedAt,
                (long?)disbursement.FinalizedAt,
                (long?)disbursement.RolledBackAt));
    }

    public static ExecutorStatus ToView(ExecutorState state) => new(
        state.Enabled,
        state.Paused,
        state.NodeId,
        state.LastError,
        state.LastErrorDetail,
        (long?)state.LastErrorAt,
        (long?)state.LastSuccessAt,
        (long?)state.LastTickAt,
        state.PendingMatured,
        state.Staged,
        state.LeaseHolder,
        (long?)state.LeaseExpiresAt);
}
