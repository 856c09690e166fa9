using TheBlock.Protocol.Energy;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>Starts the market totals and the energy gauges from the proven storage and state, then follows each committed block.</summary>
internal sealed class EnergyStartup(EnergyMetrics metrics, EnergyMarketTotals totals) : IModuleStartup
{
    public void Start(ChainService chain)
    {
        totals.Reset(chain.ReadStore(reader => reader.ReadEnergyOpenTotals()));
        metrics.SetInitial(totals.Current, chain.Read(state => state.Providers().Select(provider => provider.Status).ToList()));
        chain.BlockCommitted += block =>
        {
            totals.Apply(block.Effects.Events);
            metrics.OnBlockCommitted(block.Effects.Events, totals.Current);
        };
    }
}
