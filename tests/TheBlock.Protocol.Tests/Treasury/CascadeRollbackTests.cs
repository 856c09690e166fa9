using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// What happens to the dependents of a rolled-back disbursement: with <c>treasury.cascade_rollback</c> on, all of them
/// (transitively) are rolled back in the same block; with it off, they stay queued and can never be paid.
/// </summary>
public class CascadeRollbackTests
{
    [Fact]
    public void Rolled_back_dependency_rolls_back_its_transitive_dependents_in_the_same_block()
    {
        var scenario = Create();

        // 1 ← 2 ← 3, 1 ← 4, and 5 unrelated. 1 and 2 are paid (escrowed), 3, 4 and 5 stay queued.
        var ids = scenario.Queue(
            Proposal(amountCt: 100, amountIt: 10, rollbackWindowEpochs: 10),
            Proposal(amountCt: 200, amountIt: 20, deps: [1], rollbackWindowEpochs: 10),
            Proposal(amountCt: 300, amountIt: 30, deps: [2]),
            Proposal(amountCt: 400, amountIt: 40, deps: [1]),
            Proposal(amountCt: 500, amountIt: 50));
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], ids);
        scenario.PayQueued(1, 2);
        Assert.Equal(new TreasuryBalances(300, 30), scenario.State.Book.Escrow);

        var rollback = scenario.Rollback(scenario.Validator, 1, "vendor bankrupt");
        var block = scenario.Include(rollback);

        var height = scenario.Height;
        Assert.Equal([1UL, 2UL, 3UL, 4UL], block.Effects.ChangedDisbursements.Select(d => d.Id));
        Assert.Equal("vendor bankrupt", scenario.Get(1).Reason);
        Assert.Equal(rollback.Hash, scenario.Get(1).StateTx);
        Assert.Equal("Dependency 1 was rolled back", scenario.Get(2).Reason);
        Assert.Equal("Dependency 2 was rolled back", scenario.Get(3).Reason);
        Assert.Equal("Dependency 1 was rolled back", scenario.Get(4).Reason);
        foreach (var id in new ulong[] { 1, 2, 3, 4 })
        {
            Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
            Assert.Equal(SecondsAt(height), scenario.Get(id).RolledBackAt);
        }

        Assert.Null(scenario.Get(2).StateTx);
        Assert.Equal(DisbursementState.Queued, scenario.Get(5).State);

        // The executed dependent's escrow came back too: treasury whole again, escrow empty.
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);
        Assert.Equal(4, TreasuryScenario.EntriesOf(block, 2).Count(e => e.Kind == TreasuryLedgerEntryKinds.DisbursementRefund));
        Assert.Empty(TreasuryScenario.EntriesOf(block, 3));
    }

    [Fact]
    public void A_failed_vote_cascades_to_dependents_in_the_tally_block()
    {
        var scenario = Create();
        scenario.Include(scenario.Create(0, Proposal()));
        scenario.Include(scenario.Create(0, Proposal(deps: [1], voteWindowEpochs: 5)));

        scenario.AdvanceToHeight(12);

        Assert.Equal(TreasuryLifecycle.VoteFailed, scenario.Get(1).Reason);
        Assert.Equal(DisbursementState.RolledBack, scenario.Get(2).State);
        Assert.Equal("Dependency 1 was rolled back", scenario.Get(2).Reason);
        Assert.Equal(SecondsAt(12), scenario.Get(2).RolledBackAt);
    }

    [Fact]
    public void A_proposal_depending_on_an_already_rolled_back_disbursement_is_rolled_back_in_its_creation_block()
    {
        var scenario = Create();
        var first = scenario.CreateDisbursement();
        scenario.Include(scenario.Rollback(scenario.Validator, first));

        scenario.Include(scenario.Create(0, Proposal(deps: [first])));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(2).State);
        Assert.Equal($"Dependency {first} was rolled back", scenario.Get(2).Reason);
    }

    [Fact]
    public void With_cascade_off_dependents_stay_queued_and_are_never_paid()
    {
        var scenario = Create(cascadeRollback: false);
        var ids = scenario.Queue(Proposal(), Proposal(deps: [1]), Proposal(deps: [2]));
        scenario.EnsureLease();

        scenario.Include(scenario.Rollback(scenario.Validator, 1));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(1).State);
        Assert.Equal(DisbursementState.Queued, scenario.Get(ids[1]).State);
        Assert.Equal(DisbursementState.Queued, scenario.Get(ids[2]).State);
        var refused = scenario.Reject(scenario.Payout(0, ids[1]));
        Assert.Equal(TreasuryReasons.DependenciesUnmet, refused.Reason);
        Assert.Contains("rolled_back", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TreasuryReasons.DependenciesUnmet, scenario.Reject(scenario.Payout(0, ids[2])).Reason);

        scenario.AdvanceToHeight(scenario.Height + (5 * EpochLength));
        Assert.Equal(DisbursementState.Queued, scenario.Get(ids[1]).State);
        Assert.Equal(TreasuryReasons.DependenciesUnmet, scenario.Reject(scenario.Payout(0, ids[1])).Reason);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);

        // Path A: the operator rolls the stranded dependents back by hand.
        scenario.Include(scenario.Rollback(scenario.Validator, ids[1], "Path A"));
        Assert.Equal(DisbursementState.Queued, scenario.Get(ids[2]).State);
    }

    [Fact]
    public void With_cascade_off_an_executed_dependent_keeps_its_escrow_and_finalizes()
    {
        var scenario = Create(cascadeRollback: false);
        var ids = scenario.Queue(Proposal(rollbackWindowEpochs: 2), Proposal(deps: [1], rollbackWindowEpochs: 0));
        scenario.PayQueued(ids[0], ids[1]);

        scenario.Include(scenario.Rollback(scenario.Validator, ids[0]));

        Assert.Equal(DisbursementState.Finalized, scenario.Get(ids[1]).State);
        Assert.Equal(150UL, scenario.AccountOf(Destination).Balance);
        Assert.Equal(default, scenario.State.Book.Escrow);
    }
}
