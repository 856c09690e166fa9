using TheBlock.Server.Energy;
using TheBlock.Testing.Energy;

namespace TheBlock.Server.Tests.Energy;

/// <summary>The market's provider views are built once per block and rebuilt when a block commits.</summary>
public sealed class MarketProvidersCacheTests
{
    [Fact]
    public void Calls_at_one_height_share_the_views_and_a_commit_rebuilds_them()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register("provider_a");
        var cache = new MarketProvidersCache();

        var first = cache.Get(scenario.State);
        Assert.Same(first, cache.Get(scenario.State));
        Assert.Equal(["provider_a"], first.Providers.Select(p => p.ProviderId));
        Assert.Equal(1UL, first.ByStatus["active"]);

        scenario.Register("provider_b");
        var next = cache.Get(scenario.State);

        Assert.NotSame(first, next);
        Assert.Equal(scenario.State.Height, next.Height);
        Assert.Equal(["provider_a", "provider_b"], next.Providers.Select(p => p.ProviderId).Order());
        Assert.Equal(2UL, next.ByStatus["active"]);
        Assert.All(next.Providers, p => Assert.Equal((p.Owner, p.Offtaker), (scenario.Owner.Address.ToString(), scenario.Offtaker.Address.ToString())));
    }
}
