using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>Every rule of <see cref="ProposalRules.Problems"/>, one at a time and all at once.</summary>
public class ProposalRulesTests
{
    /// <summary>Existing disbursements are 1 … 4; the next one gets id 5.</summary>
    private const ulong NextId = 5;

    private static IReadOnlyList<ProposalProblem> ProblemsOf(DisbursementProposal proposal) => ProposalRules.Problems(proposal, NextId);

    private static ProposalProblem SingleProblem(DisbursementProposal proposal, string field, string reason)
    {
        var problem = Assert.Single(ProblemsOf(proposal));
        Assert.Equal(field, problem.Field);
        Assert.Equal(reason, problem.Reason);
        return problem;
    }

    [Fact]
    public void A_well_formed_proposal_has_no_problems()
    {
        Assert.Empty(ProblemsOf(Proposal(
            deps: [1, 4],
            expectedReceipts: [new(TestKeys.Stranger(1), 60, 50), new(TestKeys.Stranger(2), 40, 0)],
            voteWindowEpochs: GovernanceParameters.MaxWindowEpochs,
            timelockEpochs: 0,
            rollbackWindowEpochs: GovernanceParameters.MaxWindowEpochs,
            scheduledEpoch: ProposalRules.MaxScheduledEpoch,
            memo: new string('m', ProposalRules.MaxMemoBytes),
            title: new string('t', ProposalRules.MaxTitleLength),
            summary: new string('s', ProposalRules.MaxSummaryLength))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_title_is_a_problem(string title) =>
        SingleProblem(Proposal(title: title), "title", TreasuryReasons.InvalidTitle);

    [Fact]
    public void A_title_over_the_limit_is_a_problem() =>
        SingleProblem(Proposal(title: new string('t', ProposalRules.MaxTitleLength + 1)), "title", TreasuryReasons.InvalidTitle);

    [Fact]
    public void A_summary_over_the_limit_is_a_problem()
    {
        var problem = SingleProblem(Proposal(summary: new string('s', ProposalRules.MaxSummaryLength + 1)), "summary", TreasuryReasons.InvalidSummary);
        Assert.Contains("4001", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_amounts_zero_is_a_problem_but_either_alone_is_enough()
    {
        SingleProblem(Proposal(amountCt: 0, amountIt: 0), "amount_ct", TreasuryReasons.InvalidAmount);
        Assert.Empty(ProblemsOf(Proposal(amountCt: 0, amountIt: 1)));
        Assert.Empty(ProblemsOf(Proposal(amountCt: 1, amountIt: 0)));
    }

    [Theory]
    [InlineData(ProposalRules.MaxAmount + 1, 1UL, "amount_ct")]
    [InlineData(1UL, ProposalRules.MaxAmount + 1, "amount_it")]
    public void An_amount_above_the_signed_64_bit_range_is_a_problem_of_its_own_field(ulong amountCt, ulong amountIt, string field) =>
        SingleProblem(Proposal(amountCt: amountCt, amountIt: amountIt), field, TreasuryReasons.InvalidAmount);

    [Fact]
    public void Both_amounts_above_the_range_are_two_problems()
    {
        var problems = ProposalRules.Problems(Proposal(amountCt: ulong.MaxValue, amountIt: ulong.MaxValue), 1);

        Assert.Equal([("amount_ct", TreasuryReasons.InvalidAmount), ("amount_it", TreasuryReasons.InvalidAmount)], problems.Select(p => (p.Field, p.Reason)));
    }

    [Fact]
    public void A_memo_over_8_KiB_of_UTF8_is_a_problem_counted_in_bytes_not_characters()
    {
        SingleProblem(Proposal(memo: new string('m', ProposalRules.MaxMemoBytes + 1)), "memo", TreasuryReasons.MemoTooLarge);

        // 'é' is two bytes of UTF-8: 4,097 characters are 8,194 bytes.
        var problem = SingleProblem(Proposal(memo: new string('é', (ProposalRules.MaxMemoBytes / 2) + 1)), "memo", TreasuryReasons.MemoTooLarge);
        Assert.Contains("8194 bytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduled_epoch_beyond_the_limit_is_a_problem() =>
        SingleProblem(Proposal(scheduledEpoch: ProposalRules.MaxScheduledEpoch + 1), "scheduled_epoch", TreasuryReasons.InvalidScheduledEpoch);

    [Fact]
    public void Expected_receipts_that_do_not_add_up_to_the_amounts_are_a_problem()
    {
        SingleProblem(Proposal(amountCt: 100, amountIt: 50, expectedReceipts: [new(TestKeys.Stranger(1), 99, 50)]), "expected_receipts", TreasuryReasons.InvalidExpectedReceipts);
        SingleProblem(Proposal(amountCt: 100, amountIt: 50, expectedReceipts: [new(TestKeys.Stranger(1), 100, 51)]), "expected_receipts", TreasuryReasons.InvalidExpectedReceipts);
        Assert.Empty(ProblemsOf(Proposal(amountCt: 100, amountIt: 50, expectedReceipts: [new(TestKeys.Stranger(1), 100, 0), new(TestKeys.Stranger(2), 0, 50)])));
    }

    [Fact]
    public void Expected_receipts_whose_sum_overflows_64_bits_do_not_wrap_around_to_the_amount()
    {
        // 2^63 + 2^63 + 100 wraps to 100 in 64 bits; the rule must sum wider than that.
        var half = 1UL << 63;
        SingleProblem(
            Proposal(amountCt: 100, amountIt: 0, expectedReceipts: [new(TestKeys.Stranger(1), half, 0), new(TestKeys.Stranger(2), half, 0), new(TestKeys.Stranger(3), 100, 0)]),
            "expected_receipts",
            TreasuryReasons.InvalidExpectedReceipts);
    }

    [Fact]
    public void More_than_100_expected_receipts_is_a_problem()
    {
        var receipts = Enumerable.Range(0, ProposalRules.MaxExpectedReceipts + 1).Select(i => new ExpectedReceipt(TestKeys.Stranger(i), 1, 0)).ToList();
        var problem = SingleProblem(Proposal(amountCt: (ulong)receipts.Count, amountIt: 0, expectedReceipts: receipts), "expected_receipts", TreasuryReasons.InvalidExpectedReceipts);
        Assert.Contains("101 entries", problem.Message, StringComparison.Ordinal);
        Assert.Empty(ProblemsOf(Proposal(amountCt: 100, amountIt: 0, expectedReceipts: receipts.Take(100).ToList())));
    }

    [Fact]
    public void More_than_100_deps_is_a_problem()
    {
        var deps = Enumerable.Range(1, ProposalRules.MaxDeps + 1).Select(i => (ulong)i).ToList();

        SingleProblem(Proposal(deps: deps), "deps", TreasuryReasons.TooManyDeps);
        Assert.Empty(ProposalRules.Problems(Proposal(deps: deps.Take(100).ToList()), nextId: 101));
    }

    [Fact]
    public void A_dependency_named_twice_is_a_problem() =>
        SingleProblem(Proposal(deps: [2, 3, 2]), "deps", TreasuryReasons.DuplicateDependency);

    [Theory]
    [InlineData(0UL)]
    [InlineData(NextId + 1)]
    [InlineData(ulong.MaxValue)]
    public void A_dependency_that_does_not_exist_is_a_problem(ulong dep) =>
        SingleProblem(Proposal(deps: [dep]), "deps", TreasuryReasons.UnknownDependency);

    [Fact]
    public void A_dependency_on_the_id_the_proposal_would_get_is_a_self_dependency() =>
        SingleProblem(Proposal(deps: [NextId]), "deps", TreasuryReasons.SelfDependency);

    [Theory]
    [InlineData("vote_window_epochs", 0UL)]
    [InlineData("vote_window_epochs", GovernanceParameters.MaxWindowEpochs + 1)]
    [InlineData("timelock_epochs", GovernanceParameters.MaxWindowEpochs + 1)]
    [InlineData("rollback_window_epochs", GovernanceParameters.MaxWindowEpochs + 1)]
    public void A_window_out_of_range_is_a_problem(string field, ulong epochs)
    {
        var proposal = field switch
        {
            "vote_window_epochs" => Proposal(voteWindowEpochs: epochs),
            "timelock_epochs" => Proposal(timelockEpochs: epochs),
            _ => Proposal(rollbackWindowEpochs: epochs),
        };

        SingleProblem(proposal, field, TreasuryReasons.InvalidWindow);
    }

    [Fact]
    public void Zero_timelock_and_rollback_windows_are_allowed() =>
        Assert.Empty(ProblemsOf(Proposal(timelockEpochs: 0, rollbackWindowEpochs: 0)));

    [Fact]
    public void Every_problem_of_a_proposal_is_reported_not_just_the_first()
    {
        var proposal = Proposal(
            title: " ",
            summary: new string('s', ProposalRules.MaxSummaryLength + 1),
            amountCt: 0,
            amountIt: 0,
            memo: new string('m', ProposalRules.MaxMemoBytes + 1),
            scheduledEpoch: ProposalRules.MaxScheduledEpoch + 1,
            expectedReceipts: [new(TestKeys.Stranger(1), 1, 0)],
            deps: [1, 1, NextId, NextId + 9],
            voteWindowEpochs: 0,
            timelockEpochs: GovernanceParameters.MaxWindowEpochs + 1,
            rollbackWindowEpochs: GovernanceParameters.MaxWindowEpochs + 1);

        var problems = ProblemsOf(proposal);

        Assert.Equal(
            [
                ("title", TreasuryReasons.InvalidTitle),
                ("summary", TreasuryReasons.InvalidSummary),
                ("amount_ct", TreasuryReasons.InvalidAmount),
                ("memo", TreasuryReasons.MemoTooLarge),
                ("scheduled_epoch", TreasuryReasons.InvalidScheduledEpoch),
                ("expected_receipts", TreasuryReasons.InvalidExpectedReceipts),
                ("deps", TreasuryReasons.DuplicateDependency),
                ("deps", TreasuryReasons.SelfDependency),
                ("deps", TreasuryReasons.UnknownDependency),
                ("vote_window_epochs", TreasuryReasons.InvalidWindow),
                ("timelock_epochs", TreasuryReasons.InvalidWindow),
                ("rollback_window_epochs", TreasuryReasons.InvalidWindow),
            ],
            problems.Select(p => (p.Field, p.Reason)));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }
}
