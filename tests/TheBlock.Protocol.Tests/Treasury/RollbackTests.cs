using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// Rolling a disbursement back by transaction: from every non-final state, with what reason. These use the operator's
/// key (the validator key the node's admin path signs with); who else may roll back is in <see cref="RollbackAuthorityTests"/>.
/// </summary>
public class RollbackTests
{
    /// <summary>Brings disbursement 1 to <paramref name="state"/> (block rewards off, treasury 5,000 / 7,000).</summary>
    private static TreasuryScenario At(DisbursementState state)
    {
        var scenario = Create();
        switch (state)
        {
            case DisbursementState.Draft:
                scenario.CreateDisbursement();
                break;
            case DisbursementState.Executed:
                scenario.ExecuteOne();
                break;
            default:
                scenario.CreatePassing(Proposal());
                scenario.AdvanceUntil(1, state);
                break;
        }

        Assert.Equal(state, scenario.Get(1).State);
        return scenario;
    }

    [Theory]
    [InlineData(DisbursementState.Draft)]
    [InlineData(DisbursementState.Voting)]
    [InlineData(DisbursementState.Timelocked)]
    [InlineData(DisbursementState.Queued)]
    [InlineData(DisbursementState.Executed)]
    public void The_operator_rolls_back_a_disbursement_in_any_state_before_final(DisbursementState state)
    {
        var scenario = At(state);
        var before = scenario.Get(1);

        var rollback = scenario.Rollback(scenario.Validator, 1, "invoice withdrawn");
        scenario.Include(rollback);

        var rolledBack = scenario.Get(1);
        Assert.Equal(DisbursementState.RolledBack, rolledBack.State);
        Assert.Equal("invoice withdrawn", rolledBack.Reason);
        Assert.Equal(rollback.Hash, rolledBack.StateTx);
        Assert.Equal(SecondsAt(scenario.Height), rolledBack.RolledBackAt);
        Assert.Equal(SecondsAt(scenario.Height), rolledBack.Since);
        Assert.Equal(SecondsAt(scenario.Height), rolledBack.UpdatedAt);
        Assert.Equal(before.CreatedAt, rolledBack.CreatedAt);
        Assert.Equal(before.QueuedAt, rolledBack.QueuedAt);
        Assert.Equal(before.ExecutedAt, rolledBack.ExecutedAt);
        Assert.Null(rolledBack.FinalizedAt);
        Assert.False(scenario.State.Book.Active.ContainsKey(1));
        Assert.True(scenario.State.Book.IsRolledBack(1));
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);

        // Nothing moves it again.
        scenario.AdvanceToHeight(scenario.Height + (3 * EpochLength));
        Assert.Equal(DisbursementState.RolledBack, scenario.Get(1).State);
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);
    }

    [Fact]
    public void Rolling_back_an_executed_disbursement_refunds_its_escrow_to_the_sub_ledgers_it_came_from()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne(Proposal(amountCt: 1_000, amountIt: 2_000));
        Assert.Equal(new TreasuryBalances(4_000, 5_000), scenario.State.Treasury);

        var block = scenario.Include(scenario.Rollback(scenario.Validator, id, "wrong destination"));

        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);
        var height = scenario.Height;
        var treasury = LedgerAccount.OfSystem(SystemAccounts.Treasury);
        var escrow = LedgerAccount.OfSystem(TreasuryModule.EscrowAccount);
        var reference = Disbursement.Reference(id);
        Assert.Equal(
            [
                new LedgerEntry(height, escrow, -1_000, TreasuryLedgerEntryKinds.DisbursementRefund, reference, SubLedger.Ct),
                new LedgerEntry(height, treasury, 1_000, TreasuryLedgerEntryKinds.DisbursementRefund, reference, SubLedger.Ct),
                new LedgerEntry(height, escrow, -2_000, TreasuryLedgerEntryKinds.DisbursementRefund, reference, SubLedger.It),
                new LedgerEntry(height, treasury, 2_000, TreasuryLedgerEntryKinds.DisbursementRefund, reference, SubLedger.It),
            ],
            EntriesOf(block, id));
    }

    [Fact]
    public void A_finalized_disbursement_cannot_be_rolled_back()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();
        scenario.AdvanceUntil(id, DisbursementState.Finalized);

        var rejection = scenario.Reject(scenario.Rollback(scenario.Members[0], id));

        Assert.Equal(TreasuryReasons.AlreadyFinal, rejection.Reason);
        Assert.Contains("finalized", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(150UL, scenario.AccountOf(Destination).Balance);
    }

    [Fact]
    public void A_rolled_back_disbursement_cannot_be_rolled_back_again()
    {
        var scenario = Create();
        var id = scenario.CreateDisbursement();
        var first = scenario.Rollback(scenario.Validator, id, "first");
        scenario.Include(first);

        var rejection = scenario.Reject(scenario.Rollback(scenario.Members[1], id, "second"));

        Assert.Equal(TreasuryReasons.AlreadyFinal, rejection.Reason);
        Assert.Contains("rolled_back", rejection.Message, StringComparison.Ordinal);
        Assert.Equal("first", scenario.Get(id).Reason);
        Assert.Equal(first.Hash, scenario.Get(id).StateTx);
    }

    [Fact]
    public void A_failed_vote_is_final_too()
    {
        var scenario = Create();
        var id = scenario.CreateDisbursement();
        scenario.AdvanceToHeight(12);

        Assert.Equal(TreasuryReasons.AlreadyFinal, scenario.Reject(scenario.Rollback(scenario.Members[0], id)).Reason);
    }

    [Fact]
    public void Someone_neither_the_operator_nor_on_the_council_cannot_roll_back()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();

        var rejection = scenario.Reject(scenario.Rollback(scenario.Outsider, id));
        Assert.Equal(TreasuryReasons.NotAuthorized, rejection.Reason);
        Assert.Contains("neither the operator's key", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(TreasuryReasons.NotAuthorized, scenario.Reject(scenario.Rollback(scenario.Executors[1], id)).Reason);
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(100, 50), scenario.State.Book.Escrow);
    }

    [Fact]
    public void Rolling_back_an_unknown_disbursement_is_refused()
    {
        var scenario = Create();
        scenario.CreateDisbursement();

        Assert.Equal(TreasuryReasons.DisbursementNotFound, scenario.Reject(scenario.Rollback(scenario.Members[0], 2)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData(null)]
    public void A_blank_or_too_long_reason_is_refused(string? reason)
    {
        var scenario = Create();
        var id = scenario.CreateDisbursement();
        reason ??= new string('r', DisbursementRollbackPayload.MaxReasonLength + 1);

        Assert.Equal(TreasuryReasons.InvalidReason, scenario.Reject(scenario.Rollback(scenario.Members[0], id, reason)).Reason);
        Assert.Equal(DisbursementState.Voting, scenario.Get(id).State);
    }

    [Fact]
    public void A_reason_of_exactly_512_characters_is_accepted()
    {
        var scenario = Create();
        var id = scenario.CreateDisbursement();
        var reason = new string('r', DisbursementRollbackPayload.MaxReasonLength);

        scenario.Include(scenario.Rollback(scenario.Validator, id, reason));

        Assert.Equal(reason, scenario.Get(id).Reason);
    }

    [Fact]
    public void A_disbursement_rolled_back_in_its_creation_block_never_reaches_voting()
    {
        var scenario = Create();

        scenario.Include(scenario.Create(0, Proposal()), scenario.Rollback(scenario.Validator, 1, "typo"));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(1).State);
        Assert.Equal(SecondsAt(1), scenario.Get(1).CreatedAt);
        Assert.Equal(SecondsAt(1), scenario.Get(1).RolledBackAt);
        Assert.Equal(TreasuryReasons.VotingClosed, scenario.Reject(scenario.Vote(0, 1, VoteChoice.Yes)).Reason);
    }
}
