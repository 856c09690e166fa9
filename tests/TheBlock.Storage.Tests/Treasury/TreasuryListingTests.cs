using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage.Tests.Treasury;

/// <summary>
/// The reads behind <c>gov treasury list|show</c>: filter by state, keyset paging by id, totals and amount sums over
/// every match (kept by triggers as disbursements move between states), counts per state, lookup by id and by the
/// creating transaction. The test chain's council is key 0 alone and its executor is the validator key.
/// </summary>
public class TreasuryListingTests
{
    private static DisbursementProposal Proposal(ulong amountCt, ulong amountIt) =>
        new("Grant", "summary", TestKeys.Stranger(0), amountCt, amountIt, "memo", 0, [], [], null, null, null);

    /// <summary>Creates disbursements 1 … n with amounts (10·i, i) in one block, key 0 voting yes on the odd ids; returns the create transactions.</summary>
    private static List<Transaction> CreateMany(StoredTestChain chain, int count)
    {
        var transactions = new List<Transaction>();
        var creates = new List<Transaction>();
        var offset = 0UL;
        for (var i = 1UL; i <= (ulong)count; i++)
        {
            var create = chain.Sign(chain.Keys[0], new DisbursementCreatePayload(Proposal(10 * i, i)), offset++);
            creates.Add(create);
            transactions.Add(create);
            if (i % 2 == 1)
            {
                transactions.Add(chain.Sign(chain.Keys[0], new VotePayload(i, VoteChoice.Yes), offset++));
            }
        }

        Assert.Empty(chain.ProposeAndCommit([.. transactions]).Dropped);
        return creates;
    }

    /// <summary>Counts and sums per state computed from the stored records themselves, not from the totals table.</summary>
    private static (long Count, ulong Ct, ulong It) FromRecords(StoredTestChain chain, DisbursementState? state)
    {
        var matching = Enumerable.Range(1, (int)chain.State.Book.NextId - 1)
            .Select(id => chain.Database.Reader.GetDisbursement((ulong)id)!)
            .Where(d => state is null || d.State == state)
            .ToList();
        return (matching.Count, matching.Aggregate(0UL, (s, d) => s + d.Proposal.AmountCt), matching.Aggregate(0UL, (s, d) => s + d.Proposal.AmountIt));
    }

    private static void AssertTotalsMatchRecords(StoredTestChain chain)
    {
        var counts = chain.Database.Reader.CountDisbursementsByState();
        Assert.Equal(DisbursementStates.All.Order(), counts.Keys.Order());
        foreach (var state in DisbursementStates.All.Cast<DisbursementState?>().Append(null))
        {
            var page = chain.Database.Reader.ListDisbursements(state, 0, 1);
            var expected = FromRecords(chain, state);
            Assert.Equal(expected, (page.Total, page.TotalAmountCt, page.TotalAmountIt));
            if (state is { } s)
            {
                Assert.Equal(expected.Count, counts[s]);
            }
        }
    }

    [Fact]
    public void Pages_follow_the_cursor_in_id_order_and_the_last_page_has_no_cursor()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 5);
        var reader = chain.Database.Reader;

        var first = reader.ListDisbursements(null, 0, 2);
        Assert.Equal([1UL, 2UL], first.Items.Select(d => d.Id));
        Assert.Equal(2UL, first.NextCursor);
        var second = reader.ListDisbursements(null, first.NextCursor!.Value, 2);
        Assert.Equal([3UL, 4UL], second.Items.Select(d => d.Id));
        Assert.Equal(4UL, second.NextCursor);
        var last = reader.ListDisbursements(null, second.NextCursor!.Value, 2);
        Assert.Equal([5UL], last.Items.Select(d => d.Id));
        Assert.Null(last.NextCursor);

        foreach (var page in new[] { first, second, last })
        {
            Assert.Equal(5, page.Total);
            Assert.Equal(10UL + 20 + 30 + 40 + 50, page.TotalAmountCt);
            Assert.Equal(1UL + 2 + 3 + 4 + 5, page.TotalAmountIt);
        }
    }

    [Fact]
    public void A_last_page_that_is_exactly_full_has_no_cursor()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 4);

        var second = chain.Database.Reader.ListDisbursements(null, 2, 2);

        Assert.Equal([3UL, 4UL], second.Items.Select(d => d.Id));
        Assert.Null(second.NextCursor);
        Assert.Null(chain.Database.Reader.ListDisbursements(null, 0, 4).NextCursor);
        Assert.Equal(2UL, chain.Database.Reader.ListDisbursements(null, 0, 2).NextCursor);
    }

    [Fact]
    public void Past_the_last_id_the_page_is_empty_but_the_totals_still_count_every_match()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 3);

        var page = chain.Database.Reader.ListDisbursements(null, 99, 10);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
        Assert.Equal(3, page.Total);
        Assert.Equal(60UL, page.TotalAmountCt);
        Assert.Empty(chain.Database.Reader.ListDisbursements(null, ulong.MaxValue, 10).Items);
    }

    [Fact]
    public void The_state_filter_pages_only_through_matching_disbursements_with_totals_over_the_matches()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 7);
        chain.CommitEmptyBlocksUntil(12); // tallied 10 blocks after voting opened: odd ids passed → timelocked; even ids failed → rolled back
        var reader = chain.Database.Reader;

        var first = reader.ListDisbursements(DisbursementState.Timelocked, 0, 3);
        Assert.Equal([1UL, 3UL, 5UL], first.Items.Select(d => d.Id));
        Assert.Equal(5UL, first.NextCursor);
        var second = reader.ListDisbursements(DisbursementState.Timelocked, 5, 3);
        Assert.Equal([7UL], second.Items.Select(d => d.Id));
        Assert.Null(second.NextCursor);
        Assert.All(new[] { first, second }, page => Assert.Equal((4L, 160UL, 16UL), (page.Total, page.TotalAmountCt, page.TotalAmountIt)));

        var rolledBack = reader.ListDisbursements(DisbursementState.RolledBack, 0, 1000);
        Assert.Equal([2UL, 4UL, 6UL], rolledBack.Items.Select(d => d.Id));
        Assert.All(rolledBack.Items, d => Assert.Equal(TreasuryLifecycle.VoteFailed, d.Reason));
        Assert.Equal((3L, 120UL, 12UL), (rolledBack.Total, rolledBack.TotalAmountCt, rolledBack.TotalAmountIt));

        var none = reader.ListDisbursements(DisbursementState.Executed, 0, 10);
        Assert.Empty(none.Items);
        Assert.Equal((0L, 0UL, 0UL, (ulong?)null), (none.Total, none.TotalAmountCt, none.TotalAmountIt, none.NextCursor));
    }

    [Fact]
    public void The_totals_follow_every_state_move_through_the_whole_lifecycle()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 6);
        AssertTotalsMatchRecords(chain); // all drafts
        Assert.Equal(6, chain.Database.Reader.CountDisbursementsByState()[DisbursementState.Draft]);

        chain.ProposeAndCommit();
        AssertTotalsMatchRecords(chain); // all voting
        Assert.Equal(6, chain.Database.Reader.CountDisbursementsByState()[DisbursementState.Voting]);

        chain.CommitEmptyBlocksUntil(12);
        AssertTotalsMatchRecords(chain); // 1, 3, 5 timelocked; 2, 4, 6 rolled back
        chain.CommitEmptyBlocksUntil(22);
        AssertTotalsMatchRecords(chain); // 1, 3, 5 queued

        Assert.Empty(chain.ProposeAndCommit(
            chain.Sign(chain.Validator, new ExecutorLeasePayload("node-1", 600)),
            chain.Sign(chain.Validator, new DisbursementPayoutPayload(1), 1),
            chain.Sign(chain.Validator, new DisbursementPayoutPayload(3), 2)).Dropped);
        AssertTotalsMatchRecords(chain); // 1, 3 executed; 5 queued
        Assert.Empty(chain.ProposeAndCommit(chain.Sign(chain.Keys[0], new DisbursementRollbackPayload(3, "withdrawn"))).Dropped);
        AssertTotalsMatchRecords(chain); // 3 rolled back

        chain.CommitEmptyBlocksUntil(33);
        AssertTotalsMatchRecords(chain); // 1 finalized, 10 blocks after its payout
        var counts = chain.Database.Reader.CountDisbursementsByState();
        Assert.Equal(
            new Dictionary<DisbursementState, long>
            {
                [DisbursementState.Draft] = 0,
                [DisbursementState.Voting] = 0,
                [DisbursementState.Timelocked] = 0,
                [DisbursementState.Queued] = 1,
                [DisbursementState.Executed] = 0,
                [DisbursementState.Finalized] = 1,
                [DisbursementState.RolledBack] = 4,
            },
            counts);
        var finalized = chain.Database.Reader.ListDisbursements(DisbursementState.Finalized, 0, 10);
        Assert.Equal((1L, 10UL, 1UL), (finalized.Total, finalized.TotalAmountCt, finalized.TotalAmountIt));
    }

    [Fact]
    public void A_disbursement_created_and_moved_in_the_same_block_is_counted_once_in_its_final_state()
    {
        using var chain = StoredTestChain.Create();
        Assert.Empty(chain.ProposeAndCommit(
            chain.Sign(chain.Keys[0], new DisbursementCreatePayload(Proposal(10, 1))),
            chain.Sign(chain.Keys[0], new DisbursementRollbackPayload(1, "typo"), 1)).Dropped);

        var counts = chain.Database.Reader.CountDisbursementsByState();

        Assert.Equal(1, counts[DisbursementState.RolledBack]);
        Assert.Equal(0, counts[DisbursementState.Draft]);
        AssertTotalsMatchRecords(chain);
    }

    [Fact]
    public void The_totals_survive_a_restart_unchanged()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 5);
        chain.CommitEmptyBlocksUntil(12);
        var before = chain.Database.Reader.CountDisbursementsByState();

        chain.Reopen();

        Assert.Equal(before, chain.Database.Reader.CountDisbursementsByState());
        AssertTotalsMatchRecords(chain);
    }

    [Fact]
    public void A_disbursement_is_found_by_id_and_by_the_transaction_that_created_it()
    {
        using var chain = StoredTestChain.Create();
        var creates = CreateMany(chain, 3);
        var reader = chain.Database.Reader;

        for (var i = 0; i < creates.Count; i++)
        {
            var byTx = reader.FindDisbursementCreatedBy(creates[i].Hash);
            Assert.NotNull(byTx);
            Assert.Equal((ulong)i + 1, byTx.Id);
            Assert.Equal(creates[i].Hash, byTx.CreatedTx);
            Assert.Equal(reader.GetDisbursement(byTx.Id)!.Encode(), byTx.Encode());
        }

        var vote = chain.Blocks[0].Transactions.First(t => t.Kind == TreasuryKinds.Vote);
        Assert.Null(reader.FindDisbursementCreatedBy(vote.Hash));
        Assert.Null(reader.GetDisbursement(0));
        Assert.Null(reader.GetDisbursement(4));
        Assert.Equal(chain.State.Book.Active[2].Encode(), reader.GetDisbursement(2)!.Encode());
    }

    /// <summary>
    /// ProposalRules accepts amounts up to long.MaxValue each, so two valid proposals add up past SQLite's signed 64-bit
    /// INTEGER; the totals are kept in 32-bit halves so the unfiltered listing still sums them exactly.
    /// </summary>
    [Fact]
    public void The_unfiltered_totals_do_not_fail_when_amounts_add_up_past_the_signed_64_bit_range()
    {
        using var chain = StoredTestChain.Create();
        var huge = Proposal(ProposalRules.MaxAmount, 0);
        Assert.Empty(chain.ProposeAndCommit(chain.Sign(chain.Keys[0], new DisbursementCreatePayload(huge))).Dropped);
        Assert.Empty(chain.ProposeAndCommit(chain.Sign(chain.Keys[0], new DisbursementCreatePayload(huge))).Dropped); // 1 voting, 2 draft

        var page = chain.Database.Reader.ListDisbursements(null, 0, 10);

        Assert.Equal(2, page.Total);
        Assert.Equal(2 * ProposalRules.MaxAmount, page.TotalAmountCt);
    }

    /// <summary>In one state too: a plain SQLite sum would overflow to a REAL and read back capped at long.MaxValue.</summary>
    [Fact]
    public void The_per_state_totals_are_exact_when_amounts_add_up_past_the_signed_64_bit_range()
    {
        using var chain = StoredTestChain.Create();
        var huge = Proposal(ProposalRules.MaxAmount, 0);
        Assert.Empty(chain.ProposeAndCommit(
            chain.Sign(chain.Keys[0], new DisbursementCreatePayload(huge)),
            chain.Sign(chain.Keys[0], new DisbursementCreatePayload(huge), 1)).Dropped);

        var drafts = chain.Database.Reader.ListDisbursements(DisbursementState.Draft, 0, 10);

        Assert.Equal(2, drafts.Total);
        Assert.Equal(2 * ProposalRules.MaxAmount, drafts.TotalAmountCt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ChainReader.MaxListLimit + 1)]
    public void A_limit_outside_1_to_1000_is_refused(int limit)
    {
        using var chain = StoredTestChain.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => chain.Database.Reader.ListDisbursements(null, 0, limit));
    }

    [Fact]
    public void A_limit_of_1000_is_allowed()
    {
        using var chain = StoredTestChain.Create();
        CreateMany(chain, 2);

        Assert.Equal(2, chain.Database.Reader.ListDisbursements(null, 0, ChainReader.MaxListLimit).Items.Count);
    }
}
