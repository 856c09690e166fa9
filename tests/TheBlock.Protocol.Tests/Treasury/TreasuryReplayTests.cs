using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// The proposer and a replica applying the same blocks agree on every state root and on the whole governance book,
/// across every transition, cascade, refund and finalization; and a replica refuses a block whose governance
/// effects were altered.
/// </summary>
public class TreasuryReplayTests
{
    /// <summary>Everything at once: passes, a failed vote, payouts, a cascade with refund, finalizations, a lease takeover.</summary>
    private static TreasuryScenario Busy()
    {
        var scenario = Create(blockReward: 50);
        var ids = scenario.Queue(
            Proposal(amountCt: 100, amountIt: 10),
            Proposal(amountCt: 200, amountIt: 0, deps: [1], rollbackWindowEpochs: 4),
            Proposal(amountCt: 0, amountIt: 300, deps: [2]),
            Proposal(amountCt: 50, amountIt: 50, rollbackWindowEpochs: 0));
        scenario.Include(scenario.Create(1, Proposal()), scenario.Vote(1, 5, VoteChoice.No));
        scenario.PayQueued(ids[0], ids[1], ids[3]);
        scenario.Include(scenario.Rollback(scenario.Validator, ids[1], "auditor objection"));
        scenario.AdvanceUntil(ids[0], DisbursementState.Finalized);
        scenario.AdvanceToHeight(scenario.Height + 600);
        scenario.Include(scenario.Lease(1, "node-b", 60));
        scenario.Include(scenario.Create(2, Proposal(amountCt: 7, amountIt: 7, timelockEpochs: 0)), scenario.Vote(0, 6, VoteChoice.Yes), scenario.Vote(2, 6, VoteChoice.Yes));
        scenario.AdvanceUntil(6, DisbursementState.Queued);
        scenario.Include(scenario.Payout(1, 6));
        return scenario;
    }

    [Fact]
    public void A_replica_applying_the_blocks_reaches_the_same_root_at_every_height_and_the_same_book()
    {
        var scenario = Busy();
        Assert.Equal(DisbursementState.RolledBack, scenario.Get(5).State);
        Assert.Equal(DisbursementState.RolledBack, scenario.Get(3).State);
        Assert.Equal(DisbursementState.Executed, scenario.Get(6).State);

        var replica = scenario.Replay();

        Assert.Equal(scenario.State.StateRoot, replica.StateRoot);
        Assert.Equal(scenario.State.LastBlockHash, replica.LastBlockHash);
        Assert.Equal(scenario.State.Treasury, replica.Treasury);
        Assert.Equal(scenario.State.Book.Escrow, replica.Book.Escrow);
        Assert.Equal(scenario.State.Book.NextId, replica.Book.NextId);
        Assert.Equal(scenario.State.Book.Lease, replica.Book.Lease);
        Assert.Equal(scenario.State.Book.Active.Keys, replica.Book.Active.Keys);
        foreach (var (id, disbursement) in scenario.State.Book.Active)
        {
            Assert.Equal(disbursement.Encode(), replica.Book.Active[id].Encode());
        }

        for (var id = 1UL; id < scenario.State.Book.NextId; id++)
        {
            Assert.Equal(scenario.State.Book.StateOf(id), replica.Book.StateOf(id));
        }
    }

    [Fact]
    public void A_state_restored_from_its_rows_has_the_same_root()
    {
        var scenario = Busy();

        var restored = ChainState.Restore(
            scenario.Genesis,
            scenario.State.Modules,
            scenario.Height,
            scenario.State.LastBlockHash,
            scenario.State.LastBlockTimeMs,
            scenario.State.Accounts,
            scenario.State.Treasury,
            scenario.State.Supply,
            scenario.State.SystemBalances,
            scenario.State.ModuleState);

        Assert.Equal(scenario.State.StateRoot, restored.StateRoot);
        Assert.Equal(scenario.State.Book.Active.Keys, restored.Book.Active.Keys);
        restored.VerifyConservation();
    }

    [Fact]
    public void The_state_root_commits_to_every_disbursement_including_final_ones()
    {
        var scenario = Busy();
        var all = Enumerable.Range(1, (int)scenario.NextId - 1).Select(i => scenario.Get((ulong)i)).ToList();
        var finalized = all.First(d => d.State == DisbursementState.Finalized);
        var tampered = StateValue.Of(finalized with { Reason = "tampered" }, d => d.Encode());
        var altered = scenario.State.ModuleState
            .Select(pair => pair.Key == TreasuryState.FinalKey(finalized.Id) ? new KeyValuePair<StateKey, StateValue>(pair.Key, tampered) : pair)
            .ToList();

        var restored = ChainState.Restore(
            scenario.Genesis,
            scenario.State.Modules,
            scenario.Height,
            scenario.State.LastBlockHash,
            scenario.State.LastBlockTimeMs,
            scenario.State.Accounts,
            scenario.State.Treasury,
            scenario.State.Supply,
            scenario.State.SystemBalances,
            altered);

        Assert.NotEqual(scenario.State.StateRoot, restored.StateRoot);
    }

    [Fact]
    public void A_replica_refuses_a_block_whose_payout_the_proposer_would_not_have_accepted()
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 6_000, amountIt: 0));
        scenario.EnsureLease();
        var replica = scenario.Replay();

        // A malicious producer includes a payout the treasury cannot cover.
        var payout = scenario.Payout(0, id);
        var honest = BlockExecutor.Propose(scenario.State, [], scenario.State.LastBlockTimeMs + TestGenesis.BlockIntervalMs, scenario.Validator).Block;
        var header = honest.Header with { TransactionsRoot = MerkleRoot.Compute([payout.Hash]) };
        var forged = TestChain.Sign(header, [payout], scenario.Validator);

        var rejection = Assert.Throws<BlockRejectedException>(() => BlockExecutor.Apply(replica, forged, signaturesVerified: false)).Rejection;
        Assert.Equal(TreasuryReasons.InsufficientFunds, rejection.Reason);
    }

    [Fact]
    public void A_replica_refuses_a_block_that_claims_a_different_governance_outcome()
    {
        var scenario = Create();
        scenario.CreatePassing(Proposal());
        scenario.AdvanceToHeight(11);
        var replica = scenario.Replay();

        // Height 12 tallies the vote; a producer that skipped the tally would declare the pre-tally root.
        var honest = BlockExecutor.Propose(scenario.State, [], scenario.State.LastBlockTimeMs + TestGenesis.BlockIntervalMs, scenario.Validator).Block;
        Assert.NotEqual(scenario.State.StateRoot, honest.Header.StateRoot);
        var forged = TestChain.Sign(honest.Header with { StateRoot = scenario.State.StateRoot }, [], scenario.Validator);

        var rejection = Assert.Throws<BlockRejectedException>(() => BlockExecutor.Apply(replica, forged, signaturesVerified: false)).Rejection;
        Assert.Equal("state_root_mismatch", rejection.Reason);
        replica.Commit(BlockExecutor.Apply(replica, honest, signaturesVerified: false));
        Assert.Equal(DisbursementState.Timelocked, replica.Book.Active[1].State);
    }

    [Fact]
    public void Conservation_holds_with_escrow_and_the_escrow_identity_is_checked()
    {
        var scenario = Create();
        scenario.ExecuteOne(Proposal(amountCt: 321, amountIt: 123));
        scenario.State.VerifyConservation();

        KeyValuePair<SystemBalanceKey, ulong>[] escrowShortByOne =
        [
            new(new SystemBalanceKey(TreasuryModule.EscrowAccount, SubLedger.Ct), 320),
            new(new SystemBalanceKey(TreasuryModule.EscrowAccount, SubLedger.It), 123),
        ];
        var lying = ChainState.Restore(
            scenario.Genesis,
            scenario.State.Modules,
            scenario.Height,
            scenario.State.LastBlockHash,
            scenario.State.LastBlockTimeMs,
            scenario.State.Accounts,
            new TreasuryBalances(scenario.State.Treasury.Ct + 1, scenario.State.Treasury.It),
            scenario.State.Supply,
            escrowShortByOne,
            scenario.State.ModuleState);

        var error = Assert.Throws<InvariantViolationException>(lying.VerifyConservation);
        Assert.Contains("treasury_escrow ct holds 320 CT but executed, unfinalized disbursements add up to 321 CT", error.Message, StringComparison.Ordinal);
    }
}
