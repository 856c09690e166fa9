using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// When the executor may pay a queued disbursement (spec/treasury.md, "Executor"), and what a payout moves: exactly
/// the amounts, from the treasury's sub-ledgers into escrow, with the ledger entries that explain it.
/// The treasury starts with 5,000 CT (ct) and 7,000 CT (it) and block rewards are off.
/// </summary>
public class PayoutRulesTests
{
    [Fact]
    public void A_payout_moves_exactly_the_amounts_from_the_treasury_into_escrow_with_matching_entries()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 1_200, amountIt: 3_400));
        scenario.EnsureLease();
        var destinationBefore = scenario.AccountOf(Destination);

        var payout = scenario.Payout(0, id);
        var block = scenario.Include(payout);

        Assert.Equal(new TreasuryBalances(5_000 - 1_200, 7_000 - 3_400), scenario.State.Treasury);
        Assert.Equal(new TreasuryBalances(1_200, 3_400), scenario.State.Book.Escrow);
        Assert.Equal(destinationBefore, scenario.AccountOf(Destination));
        var height = scenario.Height;
        var treasury = LedgerAccount.OfSystem(SystemAccounts.Treasury);
        var escrow = LedgerAccount.OfSystem(TreasuryModule.EscrowAccount);
        var reference = $"disbursement:{id}";
        Assert.Equal(
            [
                new LedgerEntry(height, treasury, -1_200, TreasuryLedgerEntryKinds.DisbursementPayout, reference, SubLedger.Ct),
                new LedgerEntry(height, escrow, 1_200, TreasuryLedgerEntryKinds.DisbursementEscrow, reference, SubLedger.Ct),
                new LedgerEntry(height, treasury, -3_400, TreasuryLedgerEntryKinds.DisbursementPayout, reference, SubLedger.It),
                new LedgerEntry(height, escrow, 3_400, TreasuryLedgerEntryKinds.DisbursementEscrow, reference, SubLedger.It),
            ],
            EntriesOf(block, id));
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        Assert.Equal(payout.Hash, scenario.Get(id).StateTx);
    }

    [Fact]
    public void A_payout_of_only_one_sub_ledger_writes_entries_for_that_one_only()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 0, amountIt: 700));
        scenario.EnsureLease();

        var block = scenario.Include(scenario.Payout(0, id));

        Assert.All(EntriesOf(block, id), e => Assert.Equal(SubLedger.It, e.SubLedger));
        Assert.Equal(2, EntriesOf(block, id).Count);
        Assert.Equal(new TreasuryBalances(5_000, 6_300), scenario.State.Treasury);
    }

    [Fact]
    public void A_payout_that_empties_both_sub_ledgers_exactly_is_allowed()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 5_000, amountIt: 7_000));

        scenario.PayQueued(id);

        Assert.Equal(default, scenario.State.Treasury);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Book.Escrow);
    }

    [Theory]
    [InlineData(5_001UL, 0UL)]
    [InlineData(0UL, 7_001UL)]
    [InlineData(5_001UL, 1UL)]
    [InlineData(1UL, 7_001UL)]
    public void A_payout_either_sub_ledger_cannot_cover_is_refused_and_moves_nothing(ulong amountCt, ulong amountIt)
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: amountCt, amountIt: amountIt));
        scenario.EnsureLease();
        var rootBefore = scenario.State.StateRoot;

        var payout = scenario.Payout(0, id);
        var proposed = scenario.Propose(payout);

        var (_, rejection) = Assert.Single(proposed.Dropped);
        Assert.Equal(TreasuryReasons.InsufficientFunds, rejection.Reason);
        Assert.Empty(EntriesOf(proposed, id));
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Null(scenario.Get(id).ExecutedAt);
        Assert.Equal(rootBefore, scenario.State.StateRoot);
    }

    [Fact]
    public void A_disbursement_the_treasury_could_not_cover_is_paid_once_it_can_and_others_that_fit_are_paid_meanwhile()
    {
        var scenario = Create(blockReward: 1_000); // 20 % of each reward accrues to ct
        var ids = scenario.Queue(Proposal(amountCt: 20_000, amountIt: 0), Proposal(amountCt: 100, amountIt: 0));
        scenario.EnsureLease();

        Assert.Equal(TreasuryReasons.InsufficientFunds, scenario.Reject(scenario.Payout(0, ids[0])).Reason);
        scenario.Include(scenario.Payout(0, ids[1]));
        Assert.Equal(DisbursementState.Executed, scenario.Get(ids[1]).State);
        Assert.Equal(DisbursementState.Queued, scenario.Get(ids[0]).State);

        while (scenario.State.Treasury.Ct < 20_000)
        {
            scenario.Include();
        }

        scenario.Include(scenario.Payout(0, ids[0]));
        Assert.Equal(DisbursementState.Executed, scenario.Get(ids[0]).State);
    }

    [Fact]
    public void A_payout_signed_by_a_key_that_is_not_an_executor_is_refused()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.EnsureLease();

        Assert.Equal(TreasuryReasons.NotAnExecutor, scenario.Reject(scenario.Sign(scenario.Members[0], new DisbursementPayoutPayload(id))).Reason);
        Assert.Equal(TreasuryReasons.NotAnExecutor, scenario.Reject(scenario.Sign(scenario.Validator, new DisbursementPayoutPayload(id))).Reason);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
    }

    [Fact]
    public void A_payout_without_any_lease_is_refused()
    {
        var scenario = Create();
        var id = scenario.QueueOne();

        Assert.Equal(TreasuryReasons.NotLeaseHolder, scenario.Reject(scenario.Payout(0, id)).Reason);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
    }

    [Fact]
    public void A_payout_after_the_lease_expired_is_refused()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.Include(scenario.Lease(0, ttlSeconds: 3));
        var expiresAt = scenario.State.Book.Lease!.ExpiresAt;
        Assert.Equal(SecondsAt(scenario.Height) + 3, expiresAt);
        scenario.AdvanceToHeight(scenario.Height + 2);

        // The next block's time is exactly the expiry: the lease is no longer live.
        Assert.Equal(expiresAt, SecondsAt(scenario.Height + 1));
        Assert.Equal(TreasuryReasons.NotLeaseHolder, scenario.Reject(scenario.Payout(0, id)).Reason);
    }

    [Fact]
    public void A_payout_in_the_last_second_of_the_lease_is_accepted()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.Include(scenario.Lease(0, ttlSeconds: 3));
        scenario.AdvanceToHeight(scenario.Height + 1);

        scenario.Include(scenario.Payout(0, id));

        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
    }

    [Fact]
    public void A_payout_by_an_executor_while_another_executor_holds_the_lease_is_refused()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.Include(scenario.Lease(0));

        Assert.Equal(TreasuryReasons.NotLeaseHolder, scenario.Reject(scenario.Payout(1, id)).Reason);
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
    }

    [Fact]
    public void Only_queued_disbursements_can_be_paid()
    {
        var scenario = Create();
        scenario.EnsureLease();
        var id = scenario.CreatePassing(Proposal())[0];

        Assert.Equal(TreasuryReasons.NotQueued, scenario.Reject(scenario.Payout(0, id)).Reason); // draft → voting in this block
        scenario.AdvanceToHeight(13);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(TreasuryReasons.NotQueued, scenario.Reject(scenario.Payout(0, id)).Reason);
        scenario.AdvanceUntil(id, DisbursementState.Queued);
        scenario.Include(scenario.Payout(0, id));

        var again = scenario.Reject(scenario.Payout(0, id));
        Assert.Equal(TreasuryReasons.NotQueued, again.Reason);
        Assert.Contains("executed", again.Message, StringComparison.Ordinal);
        Assert.Equal(TreasuryReasons.DisbursementNotFound, scenario.Reject(scenario.Payout(0, id + 1)).Reason);
    }

    [Fact]
    public void A_payout_twice_in_one_block_pays_once()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.EnsureLease();

        var proposed = scenario.Propose(scenario.Payout(0, id), scenario.Payout(0, id));

        Assert.Single(proposed.Block.Transactions);
        Assert.Equal(TreasuryReasons.NotQueued, Assert.Single(proposed.Dropped).Rejection.Reason);
        Assert.Equal(new TreasuryBalances(100, 50), scenario.State.Book.Escrow);
    }

    [Fact]
    public void A_dependent_is_not_paid_before_its_dependency_executes_and_is_paid_after()
    {
        var scenario = Create();
        var ids = scenario.Queue(Proposal(), Proposal(deps: [1]));
        scenario.EnsureLease();

        var refused = scenario.Reject(scenario.Payout(0, ids[1]));
        Assert.Equal(TreasuryReasons.DependenciesUnmet, refused.Reason);
        Assert.Contains("depends on 1, which is queued", refused.Message, StringComparison.Ordinal);

        scenario.Include(scenario.Payout(0, ids[0]));
        scenario.Include(scenario.Payout(0, ids[1]));

        Assert.Equal(DisbursementState.Executed, scenario.Get(ids[1]).State);
    }

    [Fact]
    public void A_dependency_paid_earlier_in_the_same_block_counts_as_met()
    {
        var scenario = Create();
        var ids = scenario.Queue(Proposal(), Proposal(deps: [1]));

        scenario.PayQueued(ids[0], ids[1]);

        Assert.Equal(DisbursementState.Executed, scenario.Get(ids[1]).State);
    }

    [Fact]
    public void A_finalized_dependency_counts_as_met()
    {
        var scenario = Create();
        var ids = scenario.Queue(Proposal(rollbackWindowEpochs: 0), Proposal(deps: [1], scheduledEpoch: 4));
        scenario.PayQueued(ids[0]);
        scenario.AdvanceUntil(ids[0], DisbursementState.Finalized);
        scenario.AdvanceUntil(ids[1], DisbursementState.Queued);

        scenario.Include(scenario.Payout(0, ids[1]));

        Assert.Equal(DisbursementState.Executed, scenario.Get(ids[1]).State);
    }
}
