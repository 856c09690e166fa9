using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// A window of N epochs lasts N × epoch_length blocks from the block where it starts, wherever in an epoch that block
/// falls (spec/treasury.md): epochs are 10 blocks here, so heights 10, 15, 18 and 19 are an epoch's first, middle,
/// next-to-last and last blocks.
/// </summary>
public class WindowBoundaryTests
{
    [Theory]
    [InlineData(10UL)]
    [InlineData(15UL)]
    [InlineData(18UL)]
    [InlineData(19UL)]
    public void A_draft_created_anywhere_in_an_epoch_gets_a_full_vote_window(ulong createdAt)
    {
        var scenario = Create();
        scenario.AdvanceToHeight(createdAt - 1);
        var id = scenario.CreateDisbursement();
        Assert.Equal(createdAt, scenario.Height);

        // Voting opens in the next block and lasts one epoch of blocks: its last block is createdAt + 10.
        scenario.AdvanceToHeight(createdAt + EpochLength - 1);
        Assert.Equal(DisbursementState.Voting, scenario.Get(id).State);
        Assert.Equal(createdAt + 1 + EpochLength, scenario.Get(id).VotingEndsHeight);
        scenario.Include(scenario.Vote(0, id, VoteChoice.Yes), scenario.Vote(1, id, VoteChoice.Yes));
        Assert.Equal(DisbursementState.Voting, scenario.Get(id).State);
        Assert.Equal(new VoteTally(70, 0, 0), scenario.Get(id).Tally);

        // The block after it is the deadline: votes are refused and the tally passes.
        Assert.Equal(TreasuryReasons.VotingClosed, scenario.Reject(scenario.Vote(2, id, VoteChoice.No)).Reason);
        Assert.Equal(createdAt + 1 + EpochLength, scenario.Height);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(SecondsAt(createdAt + 1 + EpochLength), scenario.Get(id).Since);
    }

    [Theory]
    [InlineData(20UL)]
    [InlineData(25UL)]
    [InlineData(29UL)]
    public void A_vote_passed_anywhere_in_an_epoch_stays_timelocked_for_a_full_epoch_of_blocks(ulong passedAt)
    {
        var scenario = Create();
        var createdAt = passedAt - 1 - EpochLength;
        scenario.AdvanceToHeight(createdAt - 1);
        var id = scenario.CreatePassing(Proposal(timelockEpochs: 1))[0];

        scenario.AdvanceToHeight(passedAt);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        Assert.Equal(SecondsAt(passedAt), scenario.Get(id).Since);
        Assert.Equal(passedAt + EpochLength, scenario.Get(id).TimelockEndsHeight);

        scenario.AdvanceToHeight(passedAt + EpochLength - 1);
        Assert.Equal(DisbursementState.Timelocked, scenario.Get(id).State);
        scenario.Include();
        Assert.Equal(DisbursementState.Queued, scenario.Get(id).State);
        Assert.Equal(SecondsAt(passedAt + EpochLength), scenario.Get(id).QueuedAt);
    }

    [Theory]
    [InlineData(30UL, 1UL)]
    [InlineData(35UL, 1UL)]
    [InlineData(39UL, 1UL)]
    [InlineData(39UL, 2UL)]
    public void A_payout_anywhere_in_an_epoch_can_be_rolled_back_for_the_whole_window_of_blocks(ulong paidAt, ulong windowEpochs)
    {
        var scenario = Create();
        var id = scenario.QueueOne(Proposal(amountCt: 100, amountIt: 50, rollbackWindowEpochs: windowEpochs));
        scenario.EnsureLease();
        scenario.AdvanceToHeight(paidAt - 1);
        scenario.Include(scenario.Payout(0, id));
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);

        // Every block up to paidAt + N × 10 may still roll it back (transactions run before the end-of-block step).
        var lastChance = paidAt + (windowEpochs * EpochLength);
        Assert.Equal(lastChance, scenario.Get(id).FinalizesAtHeight);
        scenario.AdvanceToHeight(lastChance - 1);
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
        Assert.Equal(new TreasuryBalances(100, 50), scenario.State.Book.Escrow);
        Assert.Equal(0UL, scenario.AccountOf(Destination).Balance);

        scenario.Include();
        Assert.Equal(DisbursementState.Finalized, scenario.Get(id).State);
        Assert.Equal(SecondsAt(lastChance), scenario.Get(id).FinalizedAt);
        Assert.Equal(150UL, scenario.AccountOf(Destination).Balance);
        Assert.Equal(default, scenario.State.Book.Escrow);
    }

    [Theory]
    [InlineData(7UL, 0UL, 10UL, 7UL)]
    [InlineData(7UL, 3UL, 10UL, 37UL)]
    [InlineData(ulong.MaxValue - 5, 1UL, 10UL, ulong.MaxValue)]
    [InlineData(1UL, 100_000UL, ulong.MaxValue, ulong.MaxValue)]
    public void A_window_ends_n_epochs_of_blocks_after_it_starts_and_saturates_instead_of_wrapping(ulong start, ulong epochs, ulong epochLength, ulong end) =>
        Assert.Equal(end, TreasuryWindows.EndHeight(start, epochs, epochLength));
}
