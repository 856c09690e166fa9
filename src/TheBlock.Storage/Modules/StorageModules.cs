using TheBlock.Protocol.Modules;

namespace TheBlock.Storage.Modules;

/// <summary>The chain's modules and the query tables each keeps in storage.</summary>
public sealed class StorageModules
{
    public StorageModules(ChainModules chain, IEnumerable<IModuleTables> tables)
    {
        Chain = chain;
        Tables = [.. tables];
        foreach (var table in Tables)
        {
            if (!chain.All.Any(module => module.Name == table.Module))
            {
                throw new ArgumentException($"storage tables for module \"{table.Module}\", which the chain does not run", nameof(tables));
            }
        }
    }

    public ChainModules Chain { get; }

    public IReadOnlyList<IModuleTables> Tables { get; }
}
