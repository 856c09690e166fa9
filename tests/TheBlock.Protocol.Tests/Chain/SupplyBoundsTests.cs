using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Tests.Chain;

/// <summary>
/// Storage keeps every amount and supply counter as a signed 64-bit integer: a genesis must prove that 1,000 years of
/// the fastest blocks at its reward fit, and a block that would mint past the bound is refused with a reason.
/// </summary>
public sealed class SupplyBoundsTests
{
    /// <summary>1,000 Julian years of 10 ms blocks: 1000 × 365.25 × 86,400,000 ms / 10 ms.</summary>
    private const ulong BlocksIn1000YearsOf10MsBlocks = 3_155_760_000_000;

    [Fact]
    public void The_old_reward_cap_overflows_the_supply_within_1000_years_of_the_fastest_blocks_and_is_refused_at_genesis()
    {
        // 10^12 CT per block was accepted, yet 2^63 - 1 CT is minted after 9.2 million blocks: 107 days of 1 s blocks.
        var genesis = Genesis(blockReward: 1_000_000_000_000, treasuryCt: 0);

        var problem = Assert.Single(genesis.Problems(), p => p.StartsWith("block_reward", StringComparison.Ordinal));
        Assert.Contains("1000 years of 10 ms blocks", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_reward_whose_1000_years_of_fastest_blocks_fit_the_ledger_is_the_cap()
    {
        var cap = (ulong)long.MaxValue / BlocksIn1000YearsOf10MsBlocks;

        Assert.Equal(2_922_710UL, cap);
        Assert.Equal(ChainParameters.MaxBlockReward, cap);
        Assert.Equal(ChainParameters.BlocksIn1000YearsAtMinInterval, BlocksIn1000YearsOf10MsBlocks);
        Assert.Empty(Genesis(blockReward: cap, treasuryCt: 0).Problems());
        Assert.Contains(Genesis(blockReward: cap + 1, treasuryCt: 0).Problems(), p => p.StartsWith("block_reward", StringComparison.Ordinal));
    }

    [Fact]
    public void A_genesis_supply_that_leaves_no_room_for_1000_years_of_its_reward_is_refused_naming_the_largest_reward_that_fits()
    {
        var reward = ChainParameters.MaxBlockReward;
        var room = (ulong)long.MaxValue - (reward * BlocksIn1000YearsOf10MsBlocks);
        var fits = Genesis(blockReward: reward, treasuryCt: room);
        var tooMuch = Genesis(blockReward: reward, treasuryCt: room + 1);

        Assert.Empty(fits.Problems());
        var problem = Assert.Single(tooMuch.Problems());
        Assert.StartsWith($"genesis supply {room + 1} CT plus 1000 years of block_reward {reward} CT", problem, StringComparison.Ordinal);
        Assert.Contains($"block_reward may be at most {reward - 1}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_whose_reward_would_take_the_supply_past_the_ledger_maximum_is_refused_with_supply_overflow()
    {
        var chain = TestChain.Create(blockReward: 100);
        var nearMax = (ulong)long.MaxValue - 99;
        var state = ChainState.Restore(
            chain.Genesis,
            StandardChain.Modules,
            chain.State.Height,
            chain.State.LastBlockHash,
            chain.State.LastBlockTimeMs,
            [new(chain.AddressOf(0), new Account(nearMax, 0))],
            default,
            new SupplyCounters(nearMax, 0, 0),
            [],
            []);

        var refused = Assert.Throws<BlockRejectedException>(() => BlockExecutor.Propose(state, [], chain.NextTimeMs, chain.Validator));

        Assert.Equal(BlockRewards.SupplyOverflow, refused.Rejection.Reason);
        Assert.Equal("supply_overflow", refused.Rejection.Reason);
        Assert.Contains($"{long.MaxValue}", refused.Rejection.Message, StringComparison.Ordinal);
    }

    private static Genesis Genesis(ulong blockReward, ulong treasuryCt)
    {
        var genesis = TestChain.Create(accounts: 1, balance: 0).Genesis;
        return genesis with
        {
            Parameters = genesis.Parameters with { BlockReward = blockReward },
            Treasury = new TreasuryBalances(treasuryCt, 0),
        };
    }
}
