using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol;

/// <summary>The composition root of the protocol: the modules every node of this chain runs, in order.</summary>
public static class StandardChain
{
    public static ChainModules Modules { get; } = new([new TreasuryModule(), new EnergyModule(), new ReceiptsModule()]);
}
