using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// The destination is credited once, at finalization, with exactly amount_ct + amount_it from escrow; a rollback
/// inside the rollback window returns the escrow to the treasury and the destination gets nothing.
/// </summary>
public class FinalizationTests
{
    [Fact]
    public void The_destination_is_credited_exactly_the_amounts_at_finalization_and_not_at_payout()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 1_234, amountIt: 567, rollbackWindowEpochs: 2));

        scenario.PayQueued(id);
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);
        var finalizesAt = scenario.Get(id).FinalizesAtHeight!.Value;
        Assert.Equal(scenario.Height + (2 * EpochLength), finalizesAt);

        scenario.AdvanceToHeight(finalizesAt - 1);
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);
        Assert.Equal(new TreasuryBalances(1_234, 567), scenario.State.Book.Escrow);

        var supplyBefore = scenario.State.Supply;
        scenario.Include();
        Assert.Equal(DisbursementState.Finalized, scenario.Get(id).State);
        Assert.Equal(1_234UL + 567, scenario.AccountOf(Destination).Balance);
        Assert.Equal(0UL, scenario.AccountOf(Destination).Nonce);
        Assert.Equal(default, scenario.State.Book.Escrow);
        Assert.Equal(new TreasuryBalances(5_000 - 1_234, 7_000 - 567), scenario.State.Treasury);
        Assert.Equal(supplyBefore, scenario.State.Supply);

        scenario.AdvanceToHeight(scenario.Height + (3 * EpochLength));
        Assert.Equal(1_234UL + 567, scenario.AccountOf(Destination).Balance);
    }

    [Fact]
    public void Finalization_writes_release_and_receipt_entries_for_each_sub_ledger()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne(Proposal(amountCt: 30, amountIt: 12));
        scenario.AdvanceToHeight(scenario.Get(id).FinalizesAtHeight!.Value - 1);

        var block = scenario.Include();

        var height = scenario.Height;
        var escrow = LedgerAccount.OfSystem(TreasuryModule.EscrowAccount);
        var destination = LedgerAccount.Of(Destination);
        var reference = Disbursement.Reference(id);
        Assert.Equal(
            [
                new LedgerEntry(height, escrow, -30, TreasuryLedgerEntryKinds.DisbursementRelease, reference, SubLedger.Ct),
                new LedgerEntry(height, destination, 30, TreasuryLedgerEntryKinds.DisbursementReceived, reference),
                new LedgerEntry(height, escrow, -12, TreasuryLedgerEntryKinds.DisbursementRelease, reference, SubLedger.It),
                new LedgerEntry(height, destination, 12, TreasuryLedgerEntryKinds.DisbursementReceived, reference),
            ],
            EntriesOf(block, id));
    }

    [Fact]
    public void A_rollback_inside_the_window_returns_the_escrow_to_the_treasury_and_the_destination_gets_nothing()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 800, amountIt: 900, rollbackWindowEpochs: 3));
        scenario.PayQueued(id);
        var finalizesAt = scenario.Get(id).FinalizesAtHeight!.Value;

        // The last block before finalization is still inside the window.
        scenario.AdvanceToHeight(finalizesAt - 2);
        scenario.Include(scenario.Rollback(scenario.Validator, id, "duplicate invoice"));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);
        scenario.AdvanceToHeight(finalizesAt + (2 * EpochLength));
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);
        Assert.Null(scenario.Get(id).FinalizedAt);
    }

    [Fact]
    public void A_rollback_in_the_finalization_block_wins_because_transactions_run_before_the_end_of_block_step()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.PayQueued(id);
        scenario.AdvanceToHeight(scenario.Get(id).FinalizesAtHeight!.Value - 1);

        scenario.Include(scenario.Rollback(scenario.Validator, id));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
    }

    [Fact]
    public void Several_disbursements_to_one_destination_add_up_there()
    {
        var scenario = Create();
        var ids = scenario.Queue(Proposal(amountCt: 10, amountIt: 1), Proposal(amountCt: 20, amountIt: 2), Proposal(amountCt: 40, amountIt: 4));
        scenario.PayQueued([.. ids]);
        scenario.Include(scenario.Rollback(scenario.Validator, ids[1]));

        scenario.AdvanceUntil(ids[2], DisbursementState.Finalized);

        Assert.Equal(DisbursementState.Finalized, scenario.Get(ids[0]).State);
        Assert.Equal(10UL + 1 + 40 + 4, scenario.AccountOf(Destination).Balance);
        Assert.Equal(new TreasuryBalances(5_000 - 50, 7_000 - 5), scenario.State.Treasury);
    }
}
