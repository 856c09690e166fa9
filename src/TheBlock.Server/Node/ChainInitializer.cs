using TheBlock.Protocol.Ledger;
using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>Creates a chain database from a genesis file: the genesis bytes and block 0, in one transaction.</summary>
public static class ChainInitializer
{
    public static void Initialize(string dataDir, byte[] genesisJson)
    {
        var genesis = GenesisFile.Parse(genesisJson);
        var databasePath = NodeDataDirectory.DatabasePath(dataDir);
        using var database = ChainDatabase.Open(databasePath);
        if (database.IsInitialized)
        {
            throw new StartupException($"{databasePath} already holds a chain");
        }

        var (_, genesisBlock) = ChainState.CreateGenesis(genesis, GenesisFile.Hash(genesisJson), database.Modules.Chain);
        File.WriteAllBytes(NodeDataDirectory.GenesisPath(dataDir), genesisJson);
        database.Initialize(genesisJson, genesisBlock);
        NodeDataDirectory.EnsureTokens(dataDir);
    }
}
