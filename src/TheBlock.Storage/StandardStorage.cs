using TheBlock.Protocol;
using TheBlock.Storage.Energy;
using TheBlock.Storage.Modules;
using TheBlock.Storage.Receipts;
using TheBlock.Storage.Treasury;

namespace TheBlock.Storage;

/// <summary>The composition root of storage: the standard chain's modules with their query tables.</summary>
public static class StandardStorage
{
    public static StorageModules Modules { get; } = new(StandardChain.Modules, [new TreasuryTables(), new EnergyTables(), new ReceiptsTables()]);
}
