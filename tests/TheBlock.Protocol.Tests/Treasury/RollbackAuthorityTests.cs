using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// Who may roll a disbursement back (spec/treasury.md): the operator's key (a validator key, which the node's admin
/// path signs with) directly, and the council only with rollback power reaching the threshold of the total. The
/// council is 40, 30, 30 with a threshold of 50 %, so no member reaches it alone and any two do.
/// </summary>
public class RollbackAuthorityTests
{
    [Fact]
    public void A_single_council_member_below_the_threshold_cannot_roll_back_alone()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne(Proposal(amountCt: 100, amountIt: 50, rollbackWindowEpochs: 2));

        scenario.Include(scenario.Rollback(scenario.Members[0], id, "I object"));

        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(100, 50), scenario.State.Book.Escrow);
        Assert.Equal(new TreasuryBalances(4_900, 6_950), scenario.State.Treasury);
        scenario.AdvanceUntil(id, DisbursementState.Finalized);
        Assert.Equal(150UL, scenario.AccountOf(Destination).Balance);
    }

    [Fact]
    public void Council_members_whose_rollback_power_reaches_the_threshold_roll_back_together()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne(Proposal(amountCt: 100, amountIt: 50, rollbackWindowEpochs: 2));

        scenario.Include(scenario.Rollback(scenario.Members[1], id, "wrong invoice"));
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);

        var second = scenario.Rollback(scenario.Members[2], id, "confirmed: wrong invoice");
        scenario.Include(second);

        var rolledBack = scenario.Get(id);
        Assert.Equal(DisbursementState.RolledBack, rolledBack.State);
        Assert.Equal("confirmed: wrong invoice", rolledBack.Reason);
        Assert.Equal(second.Hash, rolledBack.StateTx);
        Assert.Equal(default, scenario.State.Book.Escrow);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        scenario.AdvanceToHeight(scenario.Height + (3 * EpochLength));
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);
    }

    [Fact]
    public void The_executor_key_alone_cannot_roll_back()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();

        var rejection = scenario.Reject(scenario.Rollback(scenario.Executors[0], id));

        Assert.Equal(TreasuryReasons.NotAuthorized, rejection.Reason);
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(100, 50), scenario.State.Book.Escrow);
    }

    [Fact]
    public void The_operator_key_the_admin_path_signs_with_rolls_back_directly()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();

        var rollback = scenario.Rollback(scenario.Validator, id, "operator: duplicate payment");
        scenario.Include(rollback);

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
        Assert.Equal("operator: duplicate payment", scenario.Get(id).Reason);
        Assert.Equal(rollback.Hash, scenario.Get(id).StateTx);
        Assert.Equal(default, scenario.State.Book.Escrow);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
    }

    [Fact]
    public void An_executor_key_that_is_also_the_validator_key_rolls_back_as_the_operator()
    {
        // The devnet's shape: genesis names the validator key as the executor, and the admin path signs with it.
        var scenario = Create(validatorIsExecutor: true);
        var id = scenario.QueueOne();
        scenario.Include(scenario.Sign(scenario.Validator, new ExecutorLeasePayload("node-v", 600)));
        scenario.Include(scenario.Sign(scenario.Validator, new DisbursementPayoutPayload(id)));
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);

        scenario.Include(scenario.Rollback(scenario.Validator, id, "operator: paid twice"));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);
    }

    [Fact]
    public void A_lone_members_request_is_recorded_on_the_disbursement_and_in_the_state_root()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();
        var parallel = Create();
        parallel.ExecuteOne();
        Assert.Equal(scenario.State.StateRoot, parallel.State.StateRoot);

        var request = scenario.Rollback(scenario.Members[0], id, "I object");
        scenario.Include(request);
        parallel.Include();

        var pending = scenario.Get(id);
        Assert.Equal(DisbursementState.Executed, pending.State);
        Assert.Equal([new RollbackVote(scenario.Members[0].Address, 40, "I object")], pending.RollbackVotes);
        Assert.Equal((40UL, 50UL), (pending.RollbackPower, pending.RollbackPowerNeeded));
        Assert.Equal(SecondsAt(scenario.Height), pending.UpdatedAt);
        Assert.NotEqual(SecondsAt(scenario.Height), pending.Since);
        Assert.Null(pending.Reason);
        Assert.NotEqual(parallel.State.StateRoot, scenario.State.StateRoot);
        Assert.Equal(pending.Encode(), Disbursement.Decode(pending.Encode()).Encode());
        Assert.Equal(pending.RollbackVotes, Disbursement.Decode(pending.Encode()).RollbackVotes);
        scenario.Replay();
    }

    [Fact]
    public void A_member_cannot_ask_twice_to_add_its_power_again()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne(Proposal(rollbackWindowEpochs: 3));
        scenario.Include(scenario.Rollback(scenario.Members[0], id, "first"));

        var rejection = scenario.Reject(scenario.Rollback(scenario.Members[0], id, "again"));

        Assert.Equal(TreasuryReasons.RollbackAlreadyRequested, rejection.Reason);
        Assert.Contains("40 of the 50", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        Assert.Single(scenario.Get(id).RollbackVotes);
    }

    [Fact]
    public void Requests_in_one_block_add_up_in_the_order_they_run()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();

        var first = scenario.Rollback(scenario.Members[2], id, "first");
        var second = scenario.Rollback(scenario.Members[0], id, "second");
        scenario.Include(first, second);

        var rolledBack = scenario.Get(id);
        Assert.Equal(DisbursementState.RolledBack, rolledBack.State);
        Assert.Equal(second.Hash, rolledBack.StateTx);
        Assert.Equal("second", rolledBack.Reason);
        Assert.Equal([scenario.Members[2].Address, scenario.Members[0].Address], rolledBack.RollbackVotes.Select(v => v.Voter));
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
    }

    [Fact]
    public void Requests_made_in_earlier_states_count_after_the_payout_and_the_refund_restores_the_treasury()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 300, amountIt: 200, rollbackWindowEpochs: 2));
        scenario.Include(scenario.Rollback(scenario.Members[1], id, "hold on"));
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        scenario.PayQueued(id);
        Assert.Equal(new TreasuryBalances(300, 200), scenario.State.Book.Escrow);

        scenario.Include(scenario.Rollback(scenario.Members[2], id, "confirmed"));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), scenario.State.Treasury);
        Assert.Equal(default, scenario.State.Book.Escrow);
    }

    [Fact]
    public void A_member_whose_power_alone_reaches_the_threshold_rolls_back_at_once()
    {
        var scenario = Create(powers: [60, 20, 20]);
        var id = scenario.ExecuteOne();

        scenario.Include(scenario.Rollback(scenario.Members[0], id, "chair withdraws it"));

        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
        Assert.Equal("chair withdraws it", scenario.Get(id).Reason);
    }

    [Fact]
    public void The_power_needed_is_the_threshold_of_the_total_rounded_up()
    {
        // Three members of power 1 and a 50 % threshold: 1.5 rounds up to 2, so one is not enough and two are.
        var scenario = Create(powers: [1, 1, 1]);
        var id = scenario.ExecuteOne();
        Assert.Equal(2UL, scenario.Get(id).RollbackPowerNeeded);

        scenario.Include(scenario.Rollback(scenario.Members[0], id));
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        scenario.Include(scenario.Rollback(scenario.Members[1], id));
        Assert.Equal(DisbursementState.RolledBack, scenario.Get(id).State);
    }

    [Fact]
    public void A_request_on_a_disbursement_finalized_before_it_was_included_is_refused_as_already_final()
    {
        var scenario = Create();
        var id = scenario.ExecuteOne();
        scenario.Include(scenario.Rollback(scenario.Members[0], id, "too late"));
        scenario.AdvanceUntil(id, DisbursementState.Finalized);

        var rejection = scenario.Reject(scenario.Rollback(scenario.Members[1], id, "too late as well"));

        Assert.Equal(TreasuryReasons.AlreadyFinal, rejection.Reason);
        Assert.Equal(150UL, scenario.AccountOf(Destination).Balance);
        Assert.Equal(default, scenario.State.Book.Escrow);
    }
}
