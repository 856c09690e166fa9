using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// Every state transition of a disbursement, driven by real blocks, with the time fields equal to the block time of
/// the block that caused them and each deadline height N × epoch_length blocks after the block its window starts in.
/// </summary>
public class DisbursementLifecycleTests
{
    [Fact]
    public void A_disbursement_walks_draft_voting_timelocked_queued_executed_finalized_stamped_with_block_times()
    {
        var scenario = Create();

        // Height 1, epoch 0: created as a draft.
        var create = scenario.Create(0, Proposal(amountCt: 300, amountIt: 200));
        scenario.Include(create);
        var draft = scenario.Get(1);
        Assert.Equal(DisbursementState.Draft, draft.State);
        Assert.Equal(scenario.Members[0].Address, draft.Proposer);
        Assert.Equal(create.Hash, draft.CreatedTx);
        Assert.Equal(create.Hash, draft.StateTx);
        Assert.Equal(1UL, draft.CreatedHeight);
        Assert.Equal(SecondsAt(1), draft.CreatedAt);
        Assert.Equal(SecondsAt(1), draft.UpdatedAt);
        Assert.Equal(SecondsAt(1), draft.Since);
        Assert.Null(draft.Reason);
        Assert.Null(draft.QueuedAt);
        Assert.Null(draft.ExecutedAt);
        Assert.Null(draft.FinalizedAt);
        Assert.Null(draft.RolledBackAt);
        Assert.Null(draft.VotingEndsHeight);
        Assert.Null(draft.TimelockEndsHeight);
        Assert.Null(draft.FinalizesAtHeight);

        // Height 2: voting opens for one epoch (the default) of 10 blocks, so it closes at height 2 + 10.
        scenario.Include();
        var voting = scenario.Get(1);
        Assert.Equal(DisbursementState.Voting, voting.State);
        Assert.Equal(SecondsAt(2), voting.Since);
        Assert.Equal(SecondsAt(2), voting.UpdatedAt);
        Assert.Equal(SecondsAt(1), voting.CreatedAt);
        Assert.Null(voting.StateTx);
        Assert.Equal(12UL, voting.VotingEndsHeight);
        Assert.Null(voting.TimelockEndsHeight);

        // Height 3: a vote updates the disbursement but not its state or since.
        scenario.Include(scenario.Vote(0, 1, VoteChoice.Yes), scenario.Vote(1, 1, VoteChoice.Yes));
        var voted = scenario.Get(1);
        Assert.Equal(DisbursementState.Voting, voted.State);
        Assert.Equal(SecondsAt(2), voted.Since);
        Assert.Equal(SecondsAt(3), voted.UpdatedAt);
        Assert.Equal(new VoteTally(70, 0, 0), voted.Tally);

        // Height 11 is the window's last block; height 12 tallies: passed, timelocked until height 12 + 10.
        scenario.AdvanceToHeight(11);
        Assert.Equal(DisbursementState.Voting, scenario.Get(1).State);
        scenario.AdvanceToHeight(12);
        var timelocked = scenario.Get(1);
        Assert.Equal(DisbursementState.Timelocked, timelocked.State);
        Assert.Equal(SecondsAt(12), timelocked.Since);
        Assert.Equal(SecondsAt(12), timelocked.UpdatedAt);
        Assert.Equal(22UL, timelocked.TimelockEndsHeight);
        Assert.Null(timelocked.FinalizesAtHeight);

        // Height 22: the timelock is over and scheduled epoch 0 has passed.
        scenario.AdvanceToHeight(21);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(1).State);
        scenario.AdvanceToHeight(22);
        var queued = scenario.Get(1);
        Assert.Equal(DisbursementState.Queued, queued.State);
        Assert.Equal(SecondsAt(22), queued.Since);
        Assert.Equal(SecondsAt(22), queued.QueuedAt);

        // Height 23 takes the lease, height 24 pays: executed, finalizing at height 24 + 10.
        scenario.Include(scenario.Lease());
        var payout = scenario.Payout(0, 1);
        scenario.Include(payout);
        var executed = scenario.Get(1);
        Assert.Equal(DisbursementState.Executed, executed.State);
        Assert.Equal(payout.Hash, executed.StateTx);
        Assert.Equal(SecondsAt(24), executed.Since);
        Assert.Equal(SecondsAt(24), executed.ExecutedAt);
        Assert.Equal(24UL, executed.ExecutedHeight);
        Assert.Equal(SecondsAt(22), executed.QueuedAt);
        Assert.Equal(34UL, executed.FinalizesAtHeight);

        // Height 34: finalized; every earlier time is kept.
        scenario.AdvanceToHeight(33);
        Assert.Equal(DisbursementState.Executed, scenario.Get(1).State);
        scenario.AdvanceToHeight(34);
        var finalized = scenario.Get(1);
        Assert.Equal(DisbursementState.Finalized, finalized.State);
        Assert.Equal(SecondsAt(34), finalized.Since);
        Assert.Equal(SecondsAt(34), finalized.UpdatedAt);
        Assert.Equal(SecondsAt(34), finalized.FinalizedAt);
        Assert.Equal(SecondsAt(24), finalized.ExecutedAt);
        Assert.Equal(SecondsAt(22), finalized.QueuedAt);
        Assert.Equal(SecondsAt(1), finalized.CreatedAt);
        Assert.Null(finalized.RolledBackAt);
        Assert.Null(finalized.Reason);
        Assert.False(scenario.State.Book.Active.ContainsKey(1));
    }

    [Fact]
    public void A_failed_vote_rolls_back_at_the_deadline_with_reason_vote_failed()
    {
        var scenario = Create();
        scenario.CreateDisbursement();
        scenario.Include(scenario.Vote(0, 1, VoteChoice.No), scenario.Vote(1, 1, VoteChoice.No));

        scenario.AdvanceToHeight(12);

        var failed = scenario.Get(1);
        Assert.Equal(DisbursementState.RolledBack, failed.State);
        Assert.Equal(TreasuryLifecycle.VoteFailed, failed.Reason);
        Assert.Equal(SecondsAt(12), failed.RolledBackAt);
        Assert.Equal(SecondsAt(12), failed.Since);
        Assert.Null(failed.StateTx);
        Assert.True(scenario.State.Book.IsRolledBack(1));
    }

    [Fact]
    public void A_draft_nobody_votes_on_fails_for_lack_of_quorum()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        scenario.AdvanceToHeight(11);
        Assert.Equal(DisbursementState.Voting, scenario.Get(1).State);
        scenario.AdvanceToHeight(12);

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(1).State);
        Assert.Equal(TreasuryLifecycle.VoteFailed, scenario.Get(1).Reason);
    }

    [Fact]
    public void Voting_opens_in_the_block_after_creation_even_at_an_epoch_boundary()
    {
        var scenario = Create();
        scenario.AdvanceToHeight(8);
        scenario.CreateDisbursement(Proposal(voteWindowEpochs: 2));

        scenario.Include();

        var voting = scenario.Get(1);
        Assert.Equal(DisbursementState.Voting, voting.State);
        Assert.Equal(SecondsAt(10), voting.Since);
        Assert.Equal(10UL + (2 * EpochLength), voting.VotingEndsHeight);
    }

    [Fact]
    public void A_longer_vote_window_and_timelock_move_the_deadlines_by_whole_epochs_of_blocks()
    {
        var scenario = Create();
        var id = scenario.CreatePassing(Proposal(voteWindowEpochs: 3, timelockEpochs: 2))[0];

        // Voting opens at height 2 for 30 blocks; the timelock starts at the tally (32) for 20.
        scenario.AdvanceToHeight(31);
        Assert.Equal(DisbursementState.Voting, scenario.Get(id).State);
        Assert.Equal(32UL, scenario.Get(id).VotingEndsHeight);
        scenario.AdvanceToHeight(32);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(52UL, scenario.Get(id).TimelockEndsHeight);
        scenario.AdvanceToHeight(51);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        scenario.AdvanceToHeight(52);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(52), scenario.Get(id).QueuedAt);
    }

    [Fact]
    public void A_timelocked_disbursement_waits_for_its_scheduled_epoch()
    {
        var scenario = Create();
        var id = scenario.CreatePassing(Proposal(scheduledEpoch: 6))[0];

        scenario.AdvanceToHeight(59);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(22UL, scenario.Get(id).TimelockEndsHeight);

        scenario.AdvanceToHeight(60);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(60), scenario.Get(id).QueuedAt);
    }

    [Fact]
    public void A_zero_timelock_queues_in_the_block_after_the_vote_passes()
    {
        var scenario = Create();
        var id = scenario.CreatePassing(Proposal(timelockEpochs: 0))[0];

        scenario.AdvanceToHeight(12);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(12UL, scenario.Get(id).TimelockEndsHeight);
        scenario.AdvanceToHeight(13);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(13), scenario.Get(id).QueuedAt);
    }

    [Fact]
    public void A_zero_rollback_window_finalizes_in_the_block_after_the_payout_never_in_it()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(rollbackWindowEpochs: 0));
        scenario.EnsureLease();

        scenario.PayQueued(id);
        var executed = scenario.Get(id);
        Assert.Equal(DisbursementState.Executed, executed.State);
        Assert.Equal(scenario.Height, executed.FinalizesAtHeight);

        scenario.Include();
        Assert.Equal(DisbursementState.Finalized, scenario.Get(id).State);
        Assert.Equal(SecondsAt(scenario.Height), scenario.Get(id).FinalizedAt);
    }
}
