using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// What each governance and treasury transaction does (spec/treasury.md). Each rule checks everything before it
/// changes anything, and returns the reason it refuses; <see cref="TransactionExecutor"/> undoes the nonce and fee
/// of a refused transaction.
/// </summary>
public static class TreasuryTransactions
{
    public static Rejection? Create(StateOverlay overlay, Transaction transaction, DisbursementCreatePayload payload)
    {
        var governance = overlay.Committed.Genesis.Governance;
        if (!governance.IsMember(transaction.Sender))
        {
            return new Rejection(TreasuryReasons.NotACouncilMember, $"{transaction.Sender} is not a council member: only members propose disbursements");
        }

        var proposal = payload.Proposal;
        var problems = ProposalRules.Problems(proposal, overlay.NextDisbursementId);
        if (problems.Count > 0)
        {
            return new Rejection(problems[0].Reason, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        }

        var now = overlay.UnixSeconds;
        var id = overlay.AllocateDisbursementId();
        overlay.PutDisbursement(new Disbursement
        {
            Id = id,
            Proposal = governance.WithDefaultWindows(proposal),
            Proposer = transaction.Sender,
            CreatedTx = transaction.Hash,
            CreatedHeight = overlay.Height,
            CreatedAt = now,
            UpdatedAt = now,
            State = DisbursementState.Draft,
            Since = now,
            StateTx = transaction.Hash,
            QuorumPpm = governance.QuorumPpm,
            ThresholdPpm = governance.ThresholdPpm,
            TotalVotingPower = governance.TotalVotingPower,
        });
        return null;
    }

    public static Rejection? Vote(StateOverlay overlay, Transaction transaction, VotePayload payload)
    {
        var governance = overlay.Committed.Genesis.Governance;
        if (!governance.IsMember(transaction.Sender))
        {
            return new Rejection(TreasuryReasons.NotACouncilMember, $"{transaction.Sender} is not a council member: only members vote");
        }

        if (Missing(overlay, payload.DisbursementId) is { } missing)
        {
            return missing;
        }

        var disbursement = overlay.GetDisbursement(payload.DisbursementId);
        if (disbursement is null || disbursement.State is not (DisbursementState.Draft or DisbursementState.Voting)
            || (disbursement.State == DisbursementState.Voting && overlay.Height >= disbursement.VotingEndsHeight!.Value))
        {
            var state = overlay.StateOf(payload.DisbursementId)!.Value;
            return new Rejection(TreasuryReasons.VotingClosed, $"voting on disbursement {payload.DisbursementId} is closed: it is {DisbursementStates.Name(state)}"
                + (state == DisbursementState.Voting ? $" and its vote window ended at height {disbursement!.VotingEndsHeight}" : string.Empty));
        }

        if (disbursement.Votes.Any(v => v.Voter == transaction.Sender))
        {
            return new Rejection(TreasuryReasons.AlreadyVoted, $"{transaction.Sender} already voted on disbursement {payload.DisbursementId}");
        }

        var power = governance.PowerOf(transaction.Sender);
        overlay.PutDisbursement(disbursement with
        {
            Votes = [.. disbursement.Votes, new CastVote(transaction.Sender, payload.Choice, power)],
            Tally = disbursement.Tally.Add(payload.Choice, power),
            UpdatedAt = overlay.UnixSeconds,
        });
        return null;
    }

    /// <summary>
    /// Rollback authority (spec/treasury.md): the operator's key — a validator key, which the node's admin path
    /// (<c>gov.treasury.rollback</c>) signs with — rolls back at once. A council member's rollback is a request that
    /// carries the member's voting power; the requests add up on the disbursement, and the one that brings their power
    /// to the threshold of the total rolls it back, with its own reason. So no member below the threshold vetoes
    /// governance alone, and an executor key is no authority unless it is also a validator key.
    /// </summary>
    public static Rejection? Rollback(StateOverlay overlay, Transaction transaction, DisbursementRollbackPayload payload)
    {
        var genesis = overlay.Committed.Genesis;
        var governance = genesis.Governance;
        var isOperator = IsValidator(genesis, transaction.Sender);
        if (!isOperator && !governance.IsMember(transaction.Sender))
        {
            return new Rejection(TreasuryReasons.NotAuthorized,
                $"{transaction.Sender} is neither the operator's key (a validator key, which gov treasury rollback signs with) nor a council member: it cannot roll back disbursements");
        }

        if (Missing(overlay, payload.DisbursementId) is { } missing)
        {
            return missing;
        }

        if (overlay.GetDisbursement(payload.DisbursementId) is not { } disbursement || disbursement.State.IsFinal())
        {
            var state = DisbursementStates.Name(overlay.StateOf(payload.DisbursementId)!.Value);
            return new Rejection(TreasuryReasons.AlreadyFinal, $"disbursement {payload.DisbursementId} is {state}, which is final: it cannot be rolled back");
        }

        if (isOperator)
        {
            Cancel(overlay, disbursement, payload.Reason, transaction.Hash);
            return null;
        }

        if (disbursement.RollbackVotes.Any(v => v.Voter == transaction.Sender))
        {
            return new Rejection(TreasuryReasons.RollbackAlreadyRequested,
                $"{transaction.Sender} already asked to roll back disbursement {disbursement.Id}; the requests so far carry {disbursement.RollbackPower} of the {disbursement.RollbackPowerNeeded} voting power needed");
        }

        var requested = disbursement with
        {
            RollbackVotes = [.. disbursement.RollbackVotes, new RollbackVote(transaction.Sender, governance.PowerOf(transaction.Sender), payload.Reason)],
            UpdatedAt = overlay.UnixSeconds,
        };
        if (requested.RollbackPower >= requested.RollbackPowerNeeded)
        {
            Cancel(overlay, requested, payload.Reason, transaction.Hash);
        }
        else
        {
            overlay.PutDisbursement(requested);
        }

        return null;
    }

    public static Rejection? Lease(StateOverlay overlay, Transaction transaction, ExecutorLeasePayload payload)
    {
        var governance = overlay.Committed.Genesis.Governance;
        if (!governance.IsExecutor(transaction.Sender))
        {
            return new Rejection(TreasuryReasons.NotAnExecutor, $"{transaction.Sender} is not a treasury executor key");
        }

        if (payload.TtlSeconds == 0 || payload.TtlSeconds > governance.MaxLeaseTtlSeconds)
        {
            return new Rejection(TreasuryReasons.InvalidLease, $"lease ttl is {payload.TtlSeconds} s; it must be between 1 and {governance.MaxLeaseTtlSeconds} s");
        }

        var now = overlay.UnixSeconds;
        if (overlay.Lease is { } current && current.IsLiveAt(now) && (current.Holder != payload.Holder || current.Executor != transaction.Sender))
        {
            return new Rejection(TreasuryReasons.LeaseHeldElsewhere, $"the executor lease is held by {current.Holder} until {current.ExpiresAt}");
        }

        overlay.SetLease(new ExecutorLease(payload.Holder, transaction.Sender, now + payload.TtlSeconds));
        return null;
    }

    public static Rejection? Payout(StateOverlay overlay, Transaction transaction, DisbursementPayoutPayload payload)
    {
        var governance = overlay.Committed.Genesis.Governance;
        if (!governance.IsExecutor(transaction.Sender))
        {
            return new Rejection(TreasuryReasons.NotAnExecutor, $"{transaction.Sender} is not a treasury executor key");
        }

        var now = overlay.UnixSeconds;
        if (overlay.Lease is not { } lease || !lease.IsLiveAt(now) || lease.Executor != transaction.Sender)
        {
            return new Rejection(TreasuryReasons.NotLeaseHolder, $"{transaction.Sender} does not hold a live executor lease");
        }

        if (Missing(overlay, payload.DisbursementId) is { } missing)
        {
            return missing;
        }

        if (overlay.GetDisbursement(payload.DisbursementId) is not { State: DisbursementState.Queued } disbursement)
        {
            return new Rejection(TreasuryReasons.NotQueued, $"disbursement {payload.DisbursementId} is {DisbursementStates.Name(overlay.StateOf(payload.DisbursementId)!.Value)}, not queued");
        }

        if (UnmetDependency(overlay, disbursement) is { } unmet)
        {
            return new Rejection(TreasuryReasons.DependenciesUnmet, $"disbursement {disbursement.Id} depends on {unmet}, which is {DisbursementStates.Name(overlay.StateOf(unmet)!.Value)}, not executed or finalized");
        }

        var (amountCt, amountIt) = (disbursement.Proposal.AmountCt, disbursement.Proposal.AmountIt);
        if (overlay.Treasury.Ct < amountCt || overlay.Treasury.It < amountIt)
        {
            return new Rejection(TreasuryReasons.InsufficientFunds,
                $"disbursement {disbursement.Id} needs {amountCt} CT (ct) and {amountIt} CT (it); the treasury holds {overlay.Treasury.Ct} and {overlay.Treasury.It}");
        }

        var reference = disbursement.LedgerReference;
        overlay.MoveTreasuryToEscrow(SubLedger.Ct, amountCt, reference);
        overlay.MoveTreasuryToEscrow(SubLedger.It, amountIt, reference);
        overlay.PutDisbursement(disbursement.MoveTo(DisbursementState.Executed, now, null, transaction.Hash) with
        {
            ExecutedHeight = overlay.Height,
            FinalizesAtHeight = TreasuryWindows.EndHeight(overlay.Height, disbursement.RollbackWindowEpochs, overlay.Committed.Genesis.Parameters.EpochLength),
        });
        return null;
    }

    /// <summary>The first dependency that is neither executed nor finalized, or null when all are.</summary>
    public static ulong? UnmetDependency(StateOverlay overlay, Disbursement disbursement)
    {
        foreach (var dep in disbursement.Proposal.Deps)
        {
            if (overlay.StateOf(dep) is not (DisbursementState.Executed or DisbursementState.Finalized))
            {
                return dep;
            }
        }

        return null;
    }

    /// <summary>Rolls a disbursement back, returning its escrow to the treasury when it had been paid.</summary>
    internal static void Cancel(StateOverlay overlay, Disbursement disbursement, string reason, Hash32? transaction)
    {
        if (disbursement.State == DisbursementState.Executed)
        {
            var reference = disbursement.LedgerReference;
            overlay.RefundEscrow(SubLedger.Ct, disbursement.Proposal.AmountCt, reference);
            overlay.RefundEscrow(SubLedger.It, disbursement.Proposal.AmountIt, reference);
        }

        overlay.PutDisbursement(disbursement.MoveTo(DisbursementState.RolledBack, overlay.UnixSeconds, reason, transaction));
    }

    private static bool IsValidator(Genesis genesis, Address address) =>
        genesis.Validators.Any(publicKey => Address.FromPublicKey(publicKey) == address);

    private static Rejection? Missing(StateOverlay overlay, ulong id) =>
        overlay.StateOf(id) is null ? new Rejection(TreasuryReasons.DisbursementNotFound, $"there is no disbursement {id}") : null;
}
