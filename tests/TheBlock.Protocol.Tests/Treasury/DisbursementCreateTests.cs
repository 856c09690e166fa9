using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>Who may propose a disbursement, what a refused proposal leaves behind, and what an accepted one records.</summary>
public class DisbursementCreateTests
{
    [Fact]
    public void A_proposal_by_someone_outside_the_council_is_refused_and_allocates_no_id()
    {
        var scenario = Create();
        var rootBefore = scenario.State.StateRoot;

        var rejection = scenario.Reject(scenario.Sign(scenario.Outsider, new DisbursementCreatePayload(Proposal())));

        Assert.Equal(TreasuryReasons.NotACouncilMember, rejection.Reason);
        Assert.Equal(1UL, scenario.NextId);
        Assert.Empty(scenario.State.Book.Active);
        Assert.Equal(0UL, scenario.State.GetAccount(scenario.Outsider.Address).Nonce);
        Assert.Equal(rootBefore, scenario.State.StateRoot); // no rewards: the state root commits to nothing else that moved
    }

    [Fact]
    public void An_executor_key_cannot_propose()
    {
        var scenario = Create();

        Assert.Equal(TreasuryReasons.NotACouncilMember, scenario.Reject(scenario.Sign(scenario.Executors[0], new DisbursementCreatePayload(Proposal()))).Reason);
    }

    [Fact]
    public void A_refused_proposal_names_the_first_reason_and_lists_every_problem_in_the_message()
    {
        var scenario = Create();

        var rejection = scenario.Reject(scenario.Create(0, Proposal(title: "", amountCt: 0, amountIt: 0, deps: [1])));

        Assert.Equal(TreasuryReasons.InvalidTitle, rejection.Reason);
        Assert.Contains("title:", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("amount_ct:", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("deps:", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, scenario.NextId);
        Assert.Equal(0UL, scenario.State.GetAccount(scenario.Members[0].Address).Nonce);
    }

    [Fact]
    public void Dependencies_must_exist_when_proposed_and_cannot_name_the_new_id()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        Assert.Equal(TreasuryReasons.SelfDependency, scenario.Reject(scenario.Create(0, Proposal(deps: [2]))).Reason);
        Assert.Equal(TreasuryReasons.UnknownDependency, scenario.Reject(scenario.Create(0, Proposal(deps: [3]))).Reason);
        Assert.Equal(TreasuryReasons.DuplicateDependency, scenario.Reject(scenario.Create(0, Proposal(deps: [1, 1]))).Reason);
        var dependent = scenario.CreateDisbursement(Proposal(deps: [1]));
        Assert.Equal([1UL], scenario.Get(dependent).Proposal.Deps);
    }

    [Fact]
    public void A_dependency_created_earlier_in_the_same_block_is_accepted()
    {
        var scenario = Create();

        scenario.Include(scenario.Create(0, Proposal()), scenario.Create(1, Proposal(deps: [1])));

        Assert.Equal([1UL], scenario.Get(2).Proposal.Deps);
        Assert.Equal(3UL, scenario.NextId);
    }

    [Fact]
    public void Windows_left_out_take_the_governance_defaults_and_given_ones_are_kept()
    {
        var scenario = Create(defaultVoteWindowEpochs: 2, defaultTimelockEpochs: 3, defaultRollbackWindowEpochs: 4);

        scenario.Include(scenario.Create(0, Proposal()), scenario.Create(1, Proposal(voteWindowEpochs: 7, timelockEpochs: 0, rollbackWindowEpochs: 9)));

        var defaulted = scenario.Get(1);
        Assert.Equal((2UL, 3UL, 4UL), (defaulted.VoteWindowEpochs, defaulted.TimelockEpochs, defaulted.RollbackWindowEpochs));
        Assert.Equal((2UL, 3UL, 4UL), (defaulted.Proposal.VoteWindowEpochs!.Value, defaulted.Proposal.TimelockEpochs!.Value, defaulted.Proposal.RollbackWindowEpochs!.Value));
        var explicitWindows = scenario.Get(2);
        Assert.Equal((7UL, 0UL, 9UL), (explicitWindows.VoteWindowEpochs, explicitWindows.TimelockEpochs, explicitWindows.RollbackWindowEpochs));
        Assert.Equal(scenario.Members[1].Address, explicitWindows.Proposer);

        // Voting opens at height 2 and lasts 2 and 7 epochs of 10 blocks.
        scenario.Include();
        Assert.Equal(2UL + 20, scenario.Get(1).VotingEndsHeight);
        Assert.Equal(2UL + 70, scenario.Get(2).VotingEndsHeight);
    }

    [Fact]
    public void An_accepted_proposal_keeps_every_field_and_records_the_council_rules_of_the_day()
    {
        var scenario = Create(quorumPpm: 600_000, thresholdPpm: 700_000);
        var proposal = Proposal(
            amountCt: 123,
            amountIt: 45,
            scheduledEpoch: 4,
            memo: "ü memo",
            expectedReceipts: [new(TestKeys.Stranger(3), 100, 45), new(TestKeys.Stranger(4), 23, 0)]);

        scenario.Include(scenario.Create(0, proposal));

        var created = scenario.Get(1);
        Assert.Equal(proposal with { VoteWindowEpochs = 1, TimelockEpochs = 1, RollbackWindowEpochs = 1 }, created.Proposal);
        Assert.Equal(600_000U, created.QuorumPpm);
        Assert.Equal(700_000U, created.ThresholdPpm);
        Assert.Equal(100UL, created.TotalVotingPower);
        Assert.Equal("disbursement:1", created.LedgerReference);
    }

    [Fact]
    public void Ids_are_allocated_in_order_and_a_refused_proposal_in_between_does_not_use_one()
    {
        var scenario = Create();

        var proposed = scenario.Propose(
            scenario.Create(0, Proposal()),
            scenario.Create(1, Proposal(title: "")),
            scenario.Create(2, Proposal()));

        Assert.Equal(2, proposed.Block.Transactions.Count);
        Assert.Equal([1UL, 2UL], proposed.Effects.ChangedDisbursements.Select(d => d.Id));
        Assert.Equal(scenario.Members[2].Address, scenario.Get(2).Proposer);
        Assert.Equal(3UL, scenario.NextId);
    }
}
