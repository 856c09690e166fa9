using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;
using TheBlock.Server.Treasury;

namespace TheBlock.Server.Tests.Treasury;

public class PayoutPlannerTests
{
    private static readonly Address Destination = Address.FromPublicKey(new byte[32]);

    [Fact]
    public void Queued_disbursements_with_met_dependencies_are_paid_in_id_order_within_the_funds()
    {
        var view = View(new TreasuryBalances(1_000, 50), Queued(1, 400), Queued(2, 700), Queued(3, 500), Queued(4, 100, amountIt: 50));

        var plan = PayoutPlanner.Plan(view, NotActive, new HashSet<ulong>());

        Assert.Equal([1UL, 3UL, 4UL], plan.Pay.Select(d => d.Id));
        Assert.Equal([2UL], plan.Unfunded.Select(d => d.Id));
        Assert.Equal(4, plan.Matured);
        Assert.Equal(0, plan.Blocked);
    }

    [Fact]
    public void A_disbursement_whose_dependency_is_not_executed_or_finalized_is_blocked_not_matured()
    {
        var view = View(new TreasuryBalances(10_000, 0), Timelocked(1), Queued(2, 10, deps: [1]), Executed(3), Queued(4, 10, deps: [3]), Queued(5, 10, deps: [99]));
        DisbursementState? StateOf(ulong id) => id == 99 ? DisbursementState.Finalized : null;

        var plan = PayoutPlanner.Plan(view, StateOf, new HashSet<ulong>());

        Assert.Equal([4UL, 5UL], plan.Pay.Select(d => d.Id));
        Assert.Equal(1, plan.Blocked);
        Assert.Equal(2, plan.Matured);
    }

    [Fact]
    public void A_rolled_back_dependency_blocks_its_dependent_for_good()
    {
        var view = View(new TreasuryBalances(10_000, 0), Queued(5, 10, deps: [2]));

        var plan = PayoutPlanner.Plan(view, id => id == 2 ? DisbursementState.RolledBack : null, new HashSet<ulong>());

        Assert.Empty(plan.Pay);
        Assert.Equal(1, plan.Blocked);
    }

    [Fact]
    public void Payouts_in_flight_are_not_planned_again_and_their_amounts_are_spoken_for()
    {
        var view = View(new TreasuryBalances(1_000, 0), Queued(1, 600), Queued(2, 600));

        var plan = PayoutPlanner.Plan(view, NotActive, new HashSet<ulong> { 1 });

        Assert.Empty(plan.Pay);
        Assert.Equal([2UL], plan.Unfunded.Select(d => d.Id));
    }

    [Fact]
    public void Members_of_a_dependency_cycle_in_stored_state_are_reported_and_skipped()
    {
        // Cannot arise from valid transactions (dependencies point to lower ids); only corrupt state holds one.
        var view = View(new TreasuryBalances(10_000, 0), Queued(1, 10, deps: [3]), Queued(2, 10, deps: [1]), Queued(3, 10, deps: [2]), Queued(4, 10), Queued(5, 10, deps: [5]));

        var plan = PayoutPlanner.Plan(view, NotActive, new HashSet<ulong>());

        Assert.Equal([1UL, 2UL, 3UL, 5UL], plan.CycleMembers);
        Assert.Equal([4UL], plan.Pay.Select(d => d.Id));
    }

    private static DisbursementState? NotActive(ulong id) => null;

    private static TreasuryView View(TreasuryBalances treasury, params Disbursement[] active) =>
        new(10, 10_000, 5, treasury, default, null, 100, active);

    private static Disbursement Queued(ulong id, ulong amountCt, ulong amountIt = 0, ulong[]? deps = null) =>
        Make(id, DisbursementState.Queued, amountCt, amountIt, deps ?? []);

    private static Disbursement Timelocked(ulong id) => Make(id, DisbursementState.Timelocked, 1, 0, []);

    private static Disbursement Executed(ulong id) => Make(id, DisbursementState.Executed, 1, 0, []);

    private static Disbursement Make(ulong id, DisbursementState state, ulong amountCt, ulong amountIt, ulong[] deps) => new()
    {
        Id = id,
        Proposal = new DisbursementProposal("t", string.Empty, Destination, amountCt, amountIt, string.Empty, 0, [], deps, 1, 0, 1),
        Proposer = Destination,
        CreatedTx = Hash32.Sha256(BitConverter.GetBytes(id)),
        CreatedHeight = 1,
        CreatedAt = 1,
        UpdatedAt = 1,
        State = state,
        Since = 1,
        QuorumPpm = 1,
        ThresholdPpm = 1,
        TotalVotingPower = 1,
    };
}
