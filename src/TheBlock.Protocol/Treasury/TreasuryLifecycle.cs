using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// The end-of-block step that moves disbursements on by height (spec/treasury.md): drafts open for voting, votes are
/// tallied at their deadline, timelocks mature into the executor's queue, and executed disbursements are finalized
/// (escrow released to the destination) once their rollback window has passed. Each window ends
/// N × epoch_length blocks after the block it starts in (<see cref="TreasuryWindows"/>). With cascade on, a disbursement whose
/// dependency is rolled back is rolled back too. A dependency always has a lower id than its dependent (it had to exist
/// first), so one pass in id order settles whole chains of dependents in the same block.
/// </summary>
public static class TreasuryLifecycle
{
    public const string VoteFailed = "vote_failed";

    public static void Apply(StateOverlay overlay)
    {
        var governance = overlay.Committed.Genesis.Governance;
        var epochLength = overlay.Committed.Genesis.Parameters.EpochLength;
        var (height, epoch, now) = (overlay.Height, overlay.Epoch, overlay.UnixSeconds);
        foreach (var disbursement in overlay.ActiveDisbursements().ToList())
        {
            if (disbursement.State.IsFinal())
            {
                continue;
            }

            if (governance.CascadeRollback && RolledBackDependency(overlay, disbursement) is { } failed)
            {
                TreasuryTransactions.Cancel(overlay, disbursement, $"Dependency {failed} was rolled back", null);
                continue;
            }

            switch (disbursement.State)
            {
                case DisbursementState.Draft when disbursement.CreatedHeight < height:
                    overlay.PutDisbursement(disbursement.MoveTo(DisbursementState.Voting, now) with { VotingEndsHeight = TreasuryWindows.EndHeight(height, disbursement.VoteWindowEpochs, epochLength) });
                    break;
                case DisbursementState.Voting when height >= disbursement.VotingEndsHeight!.Value:
                    overlay.PutDisbursement(disbursement.Tally.Passes(disbursement.TotalVotingPower, disbursement.QuorumPpm, disbursement.ThresholdPpm)
                        ? disbursement.MoveTo(DisbursementState.Timelocked, now) with { TimelockEndsHeight = TreasuryWindows.EndHeight(height, disbursement.TimelockEpochs, epochLength) }
                        : disbursement.MoveTo(DisbursementState.RolledBack, now, VoteFailed));
                    break;
                case DisbursementState.Timelocked when height >= disbursement.TimelockEndsHeight!.Value && epoch >= disbursement.Proposal.ScheduledEpoch:
                    overlay.PutDisbursement(disbursement.MoveTo(DisbursementState.Queued, now));
                    break;
                case DisbursementState.Executed when height >= disbursement.FinalizesAtHeight!.Value && height > disbursement.ExecutedHeight:
                    var reference = disbursement.LedgerReference;
                    overlay.ReleaseEscrow(SubLedger.Ct, disbursement.Proposal.AmountCt, disbursement.Proposal.Destination, reference);
                    overlay.ReleaseEscrow(SubLedger.It, disbursement.Proposal.AmountIt, disbursement.Proposal.Destination, reference);
                    overlay.PutDisbursement(disbursement.MoveTo(DisbursementState.Finalized, now));
                    break;
            }
        }
    }

    private static ulong? RolledBackDependency(StateOverlay overlay, Disbursement disbursement)
    {
        foreach (var dep in disbursement.Proposal.Deps)
        {
            if (overlay.StateOf(dep) == DisbursementState.RolledBack)
            {
                return dep;
            }
        }

        return null;
    }
}
