using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Tests.Chain;

public class BlockRewardsTests
{
    [Fact]
    public void The_treasury_share_of_the_reward_goes_to_the_ct_sub_ledger_and_the_rest_to_the_producer()
    {
        var chain = TestChain.Create(blockReward: 100, treasuryPercent: 20, treasuryCt: 5_000, treasuryIt: 7_000);
        var producer = chain.Validator.Address;
        var before = chain.State.Supply;

        var proposed = chain.ProposeAndCommit();

        Assert.Equal(new TreasuryBalances(5_020, 7_000), chain.State.Treasury);
        Assert.Equal(new Account(80, 0), chain.State.GetAccount(producer));
        Assert.Equal(before with { Minted = before.Minted + 100 }, chain.State.Supply);
        Assert.Equal(
            [
                new LedgerEntry(1, LedgerAccount.OfSystem(SystemAccounts.Treasury), 20, LedgerEntryKind.TreasuryAccrual, null, SubLedger.Ct),
                new LedgerEntry(1, LedgerAccount.Of(producer), 80, LedgerEntryKind.BlockReward, null),
            ],
            proposed.Effects.Entries);
    }

    [Fact]
    public void Minted_counts_every_block_reward()
    {
        var chain = TestChain.Create(blockReward: 100);
        for (var i = 0; i < 5; i++)
        {
            chain.ProposeAndCommit();
        }

        Assert.Equal(500UL, chain.State.Supply.Minted);
        Assert.Equal(chain.State.Supply.Genesis + 500, chain.State.Supply.Expected);
        chain.State.VerifyConservation();
    }

    [Theory]
    [InlineData(100UL, 0U, 0UL, 100UL)]
    [InlineData(100UL, 100U, 100UL, 0UL)]
    [InlineData(7UL, 33U, 2UL, 5UL)]
    [InlineData(1UL, 50U, 0UL, 1UL)]
    [InlineData(ulong.MaxValue / 4, 100U, ulong.MaxValue / 4, 0UL)]
    public void The_treasury_share_rounds_down_and_the_producer_gets_the_remainder(ulong reward, uint percent, ulong treasury, ulong producer)
    {
        var parameters = new ChainParameters(reward, percent, 10, 1_000, 100);

        Assert.Equal(treasury, BlockRewards.TreasuryShare(parameters));
        Assert.Equal(producer, reward - BlockRewards.TreasuryShare(parameters));
    }

    [Fact]
    public void A_zero_reward_mints_nothing_and_writes_no_entries()
    {
        var chain = TestChain.Create(blockReward: 0);
        var treasury = chain.State.Treasury;

        var proposed = chain.ProposeAndCommit();

        Assert.Equal(0UL, chain.State.Supply.Minted);
        Assert.Equal(treasury, chain.State.Treasury);
        Assert.Empty(proposed.Effects.Entries);
    }

    [Fact]
    public void A_full_treasury_share_leaves_the_producer_without_an_entry()
    {
        var chain = TestChain.Create(blockReward: 50, treasuryPercent: 100);

        var proposed = chain.ProposeAndCommit();

        var entry = Assert.Single(proposed.Effects.Entries);
        Assert.Equal(LedgerEntryKind.TreasuryAccrual, entry.Kind);
        Assert.Equal(default, chain.State.GetAccount(chain.Validator.Address));
    }

    [Fact]
    public void Fees_and_rewards_together_keep_balances_equal_to_genesis_plus_minted()
    {
        var chain = TestChain.Create(blockReward: 100, treasuryPercent: 25);
        chain.ProposeAndCommit(chain.Transfer(0, chain.AddressOf(1), 500, fee: 9), chain.Transfer(1, chain.AddressOf(2), 300, fee: 4));

        Assert.Equal(new Account(75 + 13, 0), chain.State.GetAccount(chain.Validator.Address));
        Assert.Equal((UInt128)chain.State.Supply.Expected, TestChain.TotalHeld(chain.State));
        chain.State.VerifyConservation();
    }
}
