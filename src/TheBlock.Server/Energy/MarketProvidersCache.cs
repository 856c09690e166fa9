using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Energy;

/// <summary>
/// The provider half of <c>energy.market</c> as of one block: every provider's market view, the count per status and
/// the kWh ever settled. Decoding and mapping ten thousand providers costs tens of milliseconds, and providers change
/// only when a block commits, so the views are built once per height and shared by every call at that height
/// (docs/BENCHMARKS.md, "Energy: listing 1,000,000 credits and a 10,000-provider market"). A commit moves the height, which is what invalidates them. Most of a
/// rebuild's cost is bech32-encoding owners and offtakers, which rarely change: their text is carried from one build
/// to the next, keeping only the addresses still in use.
/// </summary>
public sealed class MarketProvidersCache
{
    private readonly Lock _building = new();
    private MarketProviders? _current;
    private Dictionary<Address, string> _addressText = [];

    /// <summary>The views of <paramref name="state"/>; call it under the chain's read lock, so height and providers agree.</summary>
    public MarketProviders Get(ChainState state)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Height == state.Height)
        {
            return current;
        }

        lock (_building)
        {
            current = _current;
            if (current is not null && current.Height == state.Height)
            {
                return current;
            }

            var built = Build(state);
            Volatile.Write(ref _current, built);
            return built;
        }
    }

    private MarketProviders Build(ChainState state)
    {
        var previous = _addressText;
        var addressText = new Dictionary<Address, string>(previous.Count);
        string Text(Address address)
        {
            if (!addressText.TryGetValue(address, out var text))
            {
                text = previous.TryGetValue(address, out var known) ? known : address.ToString();
                addressText[address] = text;
            }

            return text;
        }

        var providers = state.Providers().Select(provider => EnergyViews.ToMarketView(provider, Text)).ToList();
        _addressText = addressText;
        var byStatus = ProviderStatuses.All.ToDictionary(ProviderStatuses.Name, _ => 0UL);
        var settled = UInt128.Zero;
        foreach (var provider in providers)
        {
            byStatus[provider.Status]++;
            settled += provider.SettledKwh;
        }

        return new MarketProviders(state.Height, providers, byStatus, settled > ulong.MaxValue ? ulong.MaxValue : (ulong)settled);
    }
}
