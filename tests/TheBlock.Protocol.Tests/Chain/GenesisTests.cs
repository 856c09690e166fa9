using TheBlock.Protocol.Chain;

namespace TheBlock.Protocol.Tests.Chain;

public sealed class GenesisTests
{
    [Fact]
    public void A_block_reward_beyond_the_cap_is_a_genesis_problem_rather_than_a_later_overflow()
    {
        var chain = TestChain.Create();
        var huge = chain.Genesis with { Parameters = chain.Genesis.Parameters with { BlockReward = ulong.MaxValue } };

        Assert.Contains(huge.Problems(), problem => problem.StartsWith("block_reward", StringComparison.Ordinal));
        Assert.DoesNotContain(chain.Genesis.Problems(), problem => problem.StartsWith("block_reward", StringComparison.Ordinal));
    }
}
