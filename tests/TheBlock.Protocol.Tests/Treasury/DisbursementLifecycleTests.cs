using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Treasury;
using static TheBlock.Protocol.Tests.Treasury.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// Every state transition of a disbursement, driven by real blocks, with the time fields equal to the block time of
/// the block that caused them and the deadline epochs derived from the block's epoch.
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
        Assert.Null(draft.VotingEndsEpoch);
        Assert.Null(draft.TimelockEndsEpoch);
        Assert.Null(draft.FinalizesAtEpoch);

        // Height 2: voting opens for one epoch (the default), so it closes at epoch 0 + 1.
        scenario.Include();
        var voting = scenario.Get(1);
        Assert.Equal(DisbursementState.Voting, voting.State);
        Assert.Equal(SecondsAt(2), voting.Since);
        Assert.Equal(SecondsAt(2), voting.UpdatedAt);
        Assert.Equal(SecondsAt(1), voting.CreatedAt);
        Assert.Null(voting.StateTx);
        Assert.Equal(1UL, voting.VotingEndsEpoch);
        Assert.Null(voting.TimelockEndsEpoch);

        // Height 3: a vote updates the disbursement but not its state or since.
        scenario.Include(scenario.Vote(0, 1, VoteChoice.Yes), scenario.Vote(1, 1, VoteChoice.Yes));
        var voted = scenario.Get(1);
        Assert.Equal(DisbursementState.Voting, voted.State);
        Assert.Equal(SecondsAt(2), voted.Since);
        Assert.Equal(SecondsAt(3), voted.UpdatedAt);
        Assert.Equal(new VoteTally(70, 0, 0), voted.Tally);

        // Height 9 is still epoch 0; height 10 (epoch 1) tallies: passed, timelocked until epoch 1 + 1.
        scenario.AdvanceToHeight(9);
        Assert.Equal(DisbursementState.Voting, scenario.Get(1).State);
        scenario.AdvanceToHeight(10);
        var timelocked = scenario.Get(1);
        Assert.Equal(DisbursementState.Timelocked, timelocked.State);
        Assert.Equal(SecondsAt(10), timelocked.Since);
        Assert.Equal(SecondsAt(10), timelocked.UpdatedAt);
        Assert.Equal(2UL, timelocked.TimelockEndsEpoch);
        Assert.Null(timelocked.FinalizesAtEpoch);

        // Height 20 (epoch 2): the timelock is over and scheduled epoch 0 has passed.
        scenario.AdvanceToHeight(19);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(1).State);
        scenario.AdvanceToHeight(20);
        var queued = scenario.Get(1);
        Assert.Equal(DisbursementState.Queued, queued.State);
        Assert.Equal(SecondsAt(20), queued.Since);
        Assert.Equal(SecondsAt(20), queued.QueuedAt);

        // Height 21 takes the lease, height 22 pays: executed, finalizing at epoch 2 + 1.
        scenario.Include(scenario.Lease());
        var payout = scenario.Payout(0, 1);
        scenario.Include(payout);
        var executed = scenario.Get(1);
        Assert.Equal(DisbursementState.Executed, executed.State);
        Assert.Equal(payout.Hash, executed.StateTx);
        Assert.Equal(SecondsAt(22), executed.Since);
        Assert.Equal(SecondsAt(22), executed.ExecutedAt);
        Assert.Equal(22UL, executed.ExecutedHeight);
        Assert.Equal(SecondsAt(20), executed.QueuedAt);
        Assert.Equal(3UL, executed.FinalizesAtEpoch);

        // Height 30 (epoch 3): finalized; every earlier time is kept.
        scenario.AdvanceToHeight(29);
        Assert.Equal(DisbursementState.Executed, scenario.Get(1).State);
        scenario.AdvanceToHeight(30);
        var finalized = scenario.Get(1);
        Assert.Equal(DisbursementState.Finalized, finalized.State);
        Assert.Equal(SecondsAt(30), finalized.Since);
        Assert.Equal(SecondsAt(30), finalized.UpdatedAt);
        Assert.Equal(SecondsAt(30), finalized.FinalizedAt);
        Assert.Equal(SecondsAt(22), finalized.ExecutedAt);
        Assert.Equal(SecondsAt(20), finalized.QueuedAt);
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

        scenario.AdvanceToHeight(10);

        var failed = scenario.Get(1);
        Assert.Equal(DisbursementState.RolledBack, failed.State);
        Assert.Equal(TreasuryLifecycle.VoteFailed, failed.Reason);
        Assert.Equal(SecondsAt(10), failed.RolledBackAt);
        Assert.Equal(SecondsAt(10), failed.Since);
        Assert.Null(failed.StateTx);
        Assert.True(scenario.State.Book.IsRolledBack(1));
    }

    [Fact]
    public void A_draft_nobody_votes_on_fails_for_lack_of_quorum()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        scenario.AdvanceToHeight(10);

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
        Assert.Equal(1UL + 2, voting.VotingEndsEpoch);
    }

    [Fact]
    public void A_longer_vote_window_and_timelock_move_the_deadlines_by_whole_epochs()
    {
        var scenario = Create();
        var id = scenario.CreatePassing(Proposal(voteWindowEpochs: 3, timelockEpochs: 2))[0];

        scenario.AdvanceToHeight(29);
        Assert.Equal(DisbursementState.Voting, scenario.Get(id).State);
        Assert.Equal(3UL, scenario.Get(id).VotingEndsEpoch);
        scenario.AdvanceToHeight(30);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(5UL, scenario.Get(id).TimelockEndsEpoch);
        scenario.AdvanceToHeight(49);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        scenario.AdvanceToHeight(50);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(50), scenario.Get(id).QueuedAt);
    }

    [Fact]
    public void A_timelocked_disbursement_waits_for_its_scheduled_epoch()
    {
        var scenario = Create();
        var id = scenario.CreatePassing(Proposal(scheduledEpoch: 6))[0];

        scenario.AdvanceToHeight(59);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(2UL, scenario.Get(id).TimelockEndsEpoch);

        scenario.AdvanceToHeight(60);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(60), scenario.Get(id).QueuedAt);
    }

    [Fact]
    public void A_zero_timelock_queues_in_the_block_after_the_vote_passes()
    {
        var scenario = Create();
        var id = scenario.CreatePassing(Proposal(timelockEpochs: 0))[0];

        scenario.AdvanceToHeight(10);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(1UL, scenario.Get(id).TimelockEndsEpoch);
        scenario.AdvanceToHeight(11);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(11), scenario.Get(id).QueuedAt);
    }

    [Fact]
    public void A_zero_rollback_window_finalizes_in_the_block_after_the_payout_never_in_it()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(rollbackWindowEpochs: 0));
        scenario.EnsureLease();

        scenario.PayOut(id);
        var executed = scenario.Get(id);
        Assert.Equal(DisbursementState.Executed, executed.State);
        Assert.Equal(scenario.Epoch, executed.FinalizesAtEpoch);

        scenario.Include();
        Assert.Equal(DisbursementState.Finalized, scenario.Get(id).State);
        Assert.Equal(SecondsAt(scenario.Height), scenario.Get(id).FinalizedAt);
    }
}
