using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// Who may vote, until when, how often, and how the council's votes decide (members 0, 1, 2 with powers 40, 30, 30;
/// quorum and threshold 50 %).
/// </summary>
public class VoteRulesTests
{
    [Fact]
    public void A_vote_by_someone_outside_the_council_is_refused_and_not_counted()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        var rejection = scenario.Reject(scenario.Sign(scenario.Outsider, new VotePayload(1, VoteChoice.Yes)));

        Assert.Equal(TreasuryReasons.NotACouncilMember, rejection.Reason);
        Assert.Empty(scenario.Get(1).Votes);
        Assert.Equal(default, scenario.Get(1).Tally);
    }

    [Fact]
    public void A_vote_on_an_unknown_disbursement_is_refused()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        Assert.Equal(TreasuryReasons.DisbursementNotFound, scenario.Reject(scenario.Vote(0, 2, VoteChoice.Yes)).Reason);
        Assert.Equal(TreasuryReasons.DisbursementNotFound, scenario.Reject(scenario.Vote(0, 0, VoteChoice.Yes)).Reason);
    }

    [Fact]
    public void A_member_may_vote_on_a_draft_in_the_block_that_creates_it()
    {
        var scenario = Create();

        scenario.Include(scenario.Create(0, Proposal()), scenario.Vote(1, 1, VoteChoice.Abstain));

        var draft = scenario.Get(1);
        Assert.Equal(DisbursementState.Draft, draft.State);
        var vote = Assert.Single(draft.Votes);
        Assert.Equal(new CastVote(scenario.Members[1].Address, VoteChoice.Abstain, 30), vote);
        Assert.Equal(new VoteTally(0, 0, 30), draft.Tally);
    }

    [Fact]
    public void A_vote_after_the_tally_is_refused_as_voting_closed_and_changes_nothing()
    {
        var scenario = Create();
        scenario.CreateDisbursement();
        scenario.Include(scenario.Vote(0, 1, VoteChoice.Yes));
        scenario.AdvanceToHeight(10);
        scenario.Include(scenario.Vote(1, 1, VoteChoice.Yes)); // height 11: the last block of the window opened at 2 still counts
        Assert.Equal(new VoteTally(70, 0, 0), scenario.Get(1).Tally);
        scenario.AdvanceToHeight(12);

        // Height 13: the vote closed at height 2 + 10 — the block at height 12 tallied it.
        var rejection = scenario.Reject(scenario.Vote(2, 1, VoteChoice.No));

        Assert.Equal(TreasuryReasons.VotingClosed, rejection.Reason);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(1).State);
        Assert.Equal(new VoteTally(70, 0, 0), scenario.Get(1).Tally);
    }

    [Fact]
    public void A_vote_in_the_tally_block_itself_does_not_count()
    {
        var scenario = Create();
        scenario.CreateDisbursement();
        scenario.Include(scenario.Vote(0, 1, VoteChoice.Yes));
        scenario.AdvanceToHeight(11);

        // Height 12 is the deadline: the disbursement is still voting when the transaction runs, but closed.
        var rejection = scenario.Reject(scenario.Vote(1, 1, VoteChoice.Yes));

        Assert.Equal(TreasuryReasons.VotingClosed, rejection.Reason);
        Assert.Equal(12UL, scenario.Height);
        Assert.Equal(DisbursementState.RolledBack, scenario.Get(1).State);
        Assert.Equal(TreasuryLifecycle.VoteFailed, scenario.Get(1).Reason);
    }

    [Fact]
    public void A_second_vote_by_the_same_member_is_refused_in_a_later_block_and_in_the_same_block()
    {
        var scenario = Create();
        scenario.CreateDisbursement();
        scenario.Include(scenario.Vote(0, 1, VoteChoice.Yes));

        Assert.Equal(TreasuryReasons.AlreadyVoted, scenario.Reject(scenario.Vote(0, 1, VoteChoice.No)).Reason);

        var proposed = scenario.Propose(scenario.Vote(1, 1, VoteChoice.Yes), scenario.Vote(1, 1, VoteChoice.No));
        Assert.Single(proposed.Block.Transactions);
        Assert.Equal(TreasuryReasons.AlreadyVoted, Assert.Single(proposed.Dropped).Rejection.Reason);
        Assert.Equal(new VoteTally(70, 0, 0), scenario.Get(1).Tally);
        Assert.Equal(2, scenario.Get(1).Votes.Count);
    }

    [Fact]
    public void Votes_on_a_disbursement_that_left_voting_are_refused()
    {
        var scenario = Create();
        var id = scenario.QueueOne();

        var rejection = scenario.Reject(scenario.Vote(0, id, VoteChoice.No));

        Assert.Equal(TreasuryReasons.VotingClosed, rejection.Reason);
        Assert.Contains("queued", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_vote_choice_is_refused_before_the_state_is_read()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        var rejection = TransactionExecutor.CheckStateless(scenario.Vote(0, 1, (VoteChoice)9), TestGenesis.ChainId, verifySignature: true);

        Assert.Equal(TreasuryReasons.InvalidChoice, rejection?.Reason);
    }

    [Theory]
    [InlineData(VoteChoice.Yes, null, null, false)] // 40 % cast: no quorum
    [InlineData(VoteChoice.Yes, VoteChoice.Yes, null, true)] // 70 % yes
    [InlineData(VoteChoice.Yes, VoteChoice.Abstain, null, true)] // abstain makes quorum, yes is all of yes + no
    [InlineData(null, VoteChoice.Yes, VoteChoice.Abstain, true)] // 60 % cast, 30 yes of 30
    [InlineData(VoteChoice.Abstain, VoteChoice.Abstain, VoteChoice.Abstain, false)] // quorum but no yes
    [InlineData(VoteChoice.No, VoteChoice.Yes, null, false)] // 30 yes of 70
    [InlineData(VoteChoice.Yes, VoteChoice.No, null, true)] // 40 yes of 70
    [InlineData(VoteChoice.Abstain, VoteChoice.Yes, VoteChoice.No, true)] // exactly 50 %: abstain is not a no
    [InlineData(VoteChoice.No, VoteChoice.Yes, VoteChoice.Abstain, false)] // 30 yes of 70
    [InlineData(VoteChoice.No, VoteChoice.No, VoteChoice.No, false)]
    public void The_tally_at_the_deadline_passes_only_with_quorum_and_threshold(VoteChoice? member0, VoteChoice? member1, VoteChoice? member2, bool passes)
    {
        var scenario = Create();
        scenario.CreateDisbursement();
        var votes = new[] { member0, member1, member2 }
            .Select((choice, member) => choice is { } c ? scenario.Vote(member, 1, c) : null)
            .OfType<Transaction>()
            .ToArray();
        scenario.Include(votes);

        scenario.AdvanceToHeight(12);

        var tallied = scenario.Get(1);
        Assert.Equal(passes ? DisbursementState.Timelocked : DisbursementState.RolledBack, tallied.State);
        Assert.Equal(passes ? null : TreasuryLifecycle.VoteFailed, tallied.Reason);
    }

    [Fact]
    public void The_tally_uses_the_quorum_and_threshold_recorded_at_creation()
    {
        var scenario = Create(quorumPpm: 1_000_000, thresholdPpm: 1_000_000);
        scenario.CreateDisbursement();
        var recorded = scenario.Get(1);
        Assert.Equal(1_000_000U, recorded.QuorumPpm);
        Assert.Equal(1_000_000U, recorded.ThresholdPpm);
        Assert.Equal(100UL, recorded.TotalVotingPower);

        // Unanimity required: everyone votes, one abstains — quorum met, threshold met (abstain is not a no).
        scenario.Include(scenario.Vote(0, 1, VoteChoice.Yes), scenario.Vote(1, 1, VoteChoice.Yes), scenario.Vote(2, 1, VoteChoice.Abstain));
        scenario.AdvanceToHeight(12);

        Assert.Equal(DisbursementState.Timelocked, scenario.Get(1).State);
    }
}
