using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Tests.Treasury;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// The escrow identity holds per sub-ledger and at every block: treasury_escrow ct is the sum of amount_ct over the
/// executed, unfinalized disbursements, and it likewise; a block that breaks it is never sealed.
/// </summary>
public sealed class EscrowIdentityTests
{
    [Fact]
    public void Escrow_moved_from_ct_to_it_with_its_total_unchanged_is_a_violation_at_the_block_that_moves_it()
    {
        var scenario = TreasuryScenario.Create();
        scenario.ExecuteOne(TreasuryScenario.Proposal(amountCt: 100, amountIt: 50));
        var overlay = new StateOverlay(scenario.State, scenario.Height + 1, scenario.State.LastBlockTimeMs + 1_000);

        // A rule with a bug: escrow ct goes back to the treasury and the same amount of it comes in; totals still agree.
        overlay.RefundEscrow(SubLedger.Ct, 100, "bug");
        overlay.MoveTreasuryToEscrow(SubLedger.It, 100, "bug");

        var violation = Assert.Throws<InvariantViolationException>(overlay.Seal);
        Assert.Equal(
            $"at height {scenario.Height + 1} treasury_escrow ct holds 0 CT but executed, unfinalized disbursements add up to 100 CT",
            violation.Message);
    }

    [Fact]
    public void Escrow_released_while_its_disbursement_stays_executed_is_a_violation_at_that_block()
    {
        var scenario = TreasuryScenario.Create();
        scenario.ExecuteOne(TreasuryScenario.Proposal(amountCt: 100, amountIt: 50));
        var overlay = new StateOverlay(scenario.State, scenario.Height + 1, scenario.State.LastBlockTimeMs + 1_000);

        overlay.RefundEscrow(SubLedger.It, 50, "bug");

        var violation = Assert.Throws<InvariantViolationException>(overlay.Seal);
        Assert.Contains("treasury_escrow it holds 0 CT but executed, unfinalized disbursements add up to 50 CT", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_escrow_in_the_wrong_sub_ledger_is_refused_at_start_up()
    {
        var scenario = TreasuryScenario.Create();
        scenario.ExecuteOne(TreasuryScenario.Proposal(amountCt: 100, amountIt: 50));
        var state = scenario.State;
        KeyValuePair<SystemBalanceKey, ulong>[] escrowInItOnly = [new(new SystemBalanceKey(TreasuryModule.EscrowAccount, SubLedger.It), 150)];
        var restored = ChainState.Restore(
            state.Genesis, state.Modules, state.Height, state.LastBlockHash, state.LastBlockTimeMs, state.Accounts, state.Treasury, state.Supply, escrowInItOnly, state.ModuleState);

        var violation = Assert.Throws<InvariantViolationException>(restored.VerifyConservation);
        Assert.Contains("treasury_escrow ct holds 0 CT but executed, unfinalized disbursements add up to 100 CT", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paying_finalizing_and_rolling_back_keep_the_identity_at_every_block()
    {
        var scenario = TreasuryScenario.Create();
        var ids = scenario.Queue(TreasuryScenario.Proposal(amountCt: 100, amountIt: 50), TreasuryScenario.Proposal(amountCt: 30, amountIt: 0));
        var (finalized, rolledBack) = (ids[0], ids[1]);
        scenario.PayQueued(finalized, rolledBack);
        Assert.Equal(new TreasuryBalances(130, 50), scenario.State.Book.Escrow);

        scenario.Include(scenario.Rollback(scenario.Validator, rolledBack));
        scenario.AdvanceUntil(finalized, DisbursementState.Finalized);

        Assert.Equal(DisbursementState.RolledBack, scenario.State.Book.StateOf(rolledBack));
        Assert.Equal(default, scenario.State.Book.Escrow);
        scenario.State.VerifyConservation();
    }
}
