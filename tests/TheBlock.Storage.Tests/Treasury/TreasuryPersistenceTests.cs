using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage.Tests.Treasury;

/// <summary>
/// Disbursements, escrow, the next id and the executor lease survive a restart exactly, and the state root proves
/// them: a tampered disbursement record or lease is refused at start-up. The test chain's council is key 0 alone
/// (power 100) and its executor is the validator key; epochs are 10 blocks.
/// </summary>
public class TreasuryPersistenceTests
{
    private static DisbursementProposal Proposal(ulong amountCt, ulong amountIt, IReadOnlyList<ulong>? deps = null, ulong? rollbackWindowEpochs = null) =>
        new("Grant", "summary", TestKeys.Stranger(0), amountCt, amountIt, "memo", 0, [], deps ?? [], null, null, rollbackWindowEpochs);

    /// <summary>
    /// Builds a history with every kind of move and returns the newest version of each disbursement:
    /// 1 finalized, 2 rolled back after payout (refunded), 3 finalized, 4 vote failed, 5 executed (in escrow),
    /// 6 voting, 7 draft.
    /// </summary>
    private static Dictionary<ulong, Disbursement> BuildHistory(StoredTestChain chain)
    {
        var latest = new Dictionary<ulong, Disbursement>();
        void Commit(params Transaction[] transactions)
        {
            var proposed = chain.ProposeAndCommit(transactions);
            Assert.Empty(proposed.Dropped);
            foreach (var disbursement in proposed.Effects.ChangedDisbursements)
            {
                latest[disbursement.Id] = disbursement;
            }
        }

        void Until(ulong height)
        {
            while (chain.State.Height < height)
            {
                Commit();
            }
        }

        var council = chain.Keys[0];
        var proposals = new[]
        {
            Proposal(100, 50),
            Proposal(200, 0, deps: [1]),
            Proposal(0, 300),
            Proposal(1, 1),
            Proposal(400, 40, rollbackWindowEpochs: 10),
        };
        var transactions = new List<Transaction>();
        foreach (var (proposal, i) in proposals.Select((p, i) => (p, (ulong)i)))
        {
            transactions.Add(chain.Sign(council, new DisbursementCreatePayload(proposal), 2 * i));
            transactions.Add(chain.Sign(council, new VotePayload(i + 1, i == 3 ? VoteChoice.No : VoteChoice.Yes), (2 * i) + 1));
        }

        Commit([.. transactions]); // height 1
        Until(22); // 4 failed at 12 (voting opened at 2 for 10 blocks); 1, 2, 3, 5 queued at 22
        Commit(
            chain.Sign(chain.Validator, new ExecutorLeasePayload("node-1", 600)),
            chain.Sign(chain.Validator, new DisbursementPayoutPayload(1), 1),
            chain.Sign(chain.Validator, new DisbursementPayoutPayload(2), 2),
            chain.Sign(chain.Validator, new DisbursementPayoutPayload(3), 3),
            chain.Sign(chain.Validator, new DisbursementPayoutPayload(5), 4)); // height 23
        Commit(chain.Sign(council, new DisbursementRollbackPayload(2, "duplicate"))); // height 24
        Until(33); // 1 and 3 finalized 10 blocks after their payout
        Commit(chain.Sign(council, new DisbursementCreatePayload(Proposal(5, 5)))); // 6
        Commit(chain.Sign(council, new DisbursementCreatePayload(Proposal(7, 7)))); // 7, and 6 opens for voting
        return latest;
    }

    [Fact]
    public void Disbursements_escrow_next_id_and_lease_are_restored_exactly_after_a_restart()
    {
        using var chain = StoredTestChain.Create();
        var latest = BuildHistory(chain);
        Assert.Equal(
            [DisbursementState.Finalized, DisbursementState.RolledBack, DisbursementState.Finalized, DisbursementState.RolledBack,
                DisbursementState.Executed, DisbursementState.Voting, DisbursementState.Draft],
            latest.OrderBy(p => p.Key).Select(p => p.Value.State));
        var before = chain.State;

        var restored = chain.Reopen();

        Assert.Equal(before.StateRoot, restored.StateRoot);
        Assert.Equal(before.Height, restored.Height);
        Assert.Equal(8UL, restored.Book.NextId);
        Assert.Equal(new TreasuryBalances(400, 40), restored.Book.Escrow);
        Assert.Equal(before.Book.Escrow, restored.Book.Escrow);
        Assert.Equal(before.Book.Lease, restored.Book.Lease);
        Assert.Equal(new ExecutorLease("node-1", chain.Validator.Address, (TestGenesis.GenesisTimeMs / 1000) + 23 + 600), restored.Book.Lease);
        Assert.Equal(before.Treasury, restored.Treasury);
        Assert.Equal([5UL, 6UL, 7UL], restored.Book.Active.Keys);
        foreach (var (id, disbursement) in before.Book.Active)
        {
            Assert.Equal(disbursement.Encode(), restored.Book.Active[id].Encode());
        }

        for (var id = 1UL; id <= 7; id++)
        {
            Assert.Equal(latest[id].State, restored.Book.StateOf(id));
            Assert.Equal(latest[id].Encode(), chain.Database.Reader.GetDisbursement(id)!.Encode());
        }

        Assert.True(restored.Book.IsRolledBack(2));
        Assert.True(restored.Book.IsRolledBack(4));
        Assert.False(restored.Book.IsRolledBack(1));
        restored.VerifyConservation();
    }

    [Fact]
    public void The_chain_continues_after_a_restart_as_it_would_have_without_one()
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);
        var uninterrupted = chain.Propose(chain.Sign(chain.Keys[0], new VotePayload(6, VoteChoice.Yes)));

        chain.Reopen();
        var afterRestart = chain.ProposeAndCommit(chain.Sign(chain.Keys[0], new VotePayload(6, VoteChoice.Yes)));

        Assert.Equal(uninterrupted.Block.Header.StateRoot, afterRestart.Block.Header.StateRoot);
        chain.CommitEmptyBlocksUntil(123); // 5 was paid at height 23 with a 10-epoch (100-block) rollback window
        Assert.Equal(DisbursementState.Finalized, chain.Database.Reader.GetDisbursement(5)!.State);
        Assert.Equal(DisbursementState.Queued, chain.State.Book.Active[6].State);
        Assert.Equal(default, chain.Reopen().Book.Escrow);
        Assert.Equal(100UL + 50 + 300 + 400 + 40, chain.State.GetAccount(TestKeys.Stranger(0)).Balance);
    }

    [Fact]
    public void The_escrow_and_next_id_are_stored_as_the_block_left_them()
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);

        Assert.Equal(new TreasuryBalances(400, 40), chain.Database.Reader.ReadEscrow());
        Assert.Equal(8UL, chain.Database.LoadState(chain.State.Genesis).NextDisbursementId);
        Assert.Equal(chain.State.Book.Lease, chain.Database.Reader.ReadLease());
    }

    [Theory]
    [InlineData(1UL)] // finalized
    [InlineData(5UL)] // executed
    [InlineData(7UL)] // draft
    public void A_tampered_disbursement_record_is_detected_at_start_up(ulong id)
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);
        var stored = chain.Database.Reader.GetDisbursement(id)!;
        var forged = stored with { Proposal = stored.Proposal with { Destination = TestKeys.Stranger(9) } };
        chain.Close();

        Assert.Equal(1, chain.Tamper("UPDATE disbursements SET record = $r WHERE id = $id", ("$r", forged.Encode()), ("$id", (long)id)));

        using var database = ChainDatabase.Open(chain.DatabasePath);
        var error = Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
        Assert.StartsWith($"treasury tables disagree with the state: the stored record of disbursement {id}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1UL)] // finalized
    [InlineData(5UL)] // executed
    public void A_tampered_disbursement_in_the_module_state_is_a_state_root_mismatch(ulong id)
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);
        var stored = chain.Database.Reader.GetDisbursement(id)!;
        var forged = stored with { Proposal = stored.Proposal with { Destination = TestKeys.Stranger(9) } };
        var key = (stored.State.IsFinal() ? TreasuryState.FinalKey(id) : TreasuryState.ActiveKey(id)).ToArray();
        chain.Close();

        Assert.Equal(1, chain.Tamper("UPDATE module_state SET value = $r WHERE key = $k", ("$r", forged.Encode()), ("$k", key)));

        using var database = ChainDatabase.Open(chain.DatabasePath);
        var error = Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
        Assert.StartsWith($"state root mismatch at height {chain.State.Height}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_final_disbursement_is_detected_at_start_up()
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);
        chain.Close();

        Assert.Equal(1, chain.Tamper("DELETE FROM disbursements WHERE id = 4"));

        using var database = ChainDatabase.Open(chain.DatabasePath);
        Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
    }

    [Fact]
    public void A_tampered_lease_or_escrow_is_detected_at_start_up()
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);
        chain.Close();
        Assert.Equal(1, chain.Tamper("UPDATE executor_lease SET expires_at = expires_at + 3600"));
        using (var database = ChainDatabase.Open(chain.DatabasePath))
        {
            Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
        }

        Assert.Equal(1, chain.Tamper("UPDATE executor_lease SET expires_at = expires_at - 3600"));
        Assert.Equal(1, chain.Tamper("UPDATE system_balances SET balance = balance + 1 WHERE account = $a AND sub_ledger = 1", ("$a", TreasuryModule.EscrowAccount)));
        using (var database = ChainDatabase.Open(chain.DatabasePath))
        {
            Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
        }
    }

    [Fact]
    public void The_untampered_database_still_loads_after_the_checks_above_close_and_reopen_it()
    {
        using var chain = StoredTestChain.Create();
        BuildHistory(chain);
        var root = chain.State.StateRoot;
        chain.Close();

        using var database = ChainDatabase.Open(chain.DatabasePath);
        Assert.Equal(root, TestGenesis.Load(database, chain.Genesis).StateRoot);
    }

    [Theory]
    [InlineData(9_223_372_036_854_775_808UL)]
    [InlineData(ulong.MaxValue)]
    public void A_disbursement_lookup_above_long_max_finds_nothing_instead_of_overflowing(ulong id)
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(1);

        Assert.Null(chain.Database.Reader.GetDisbursement(id));
    }
}
