using TheBlock.Protocol.Chain;
using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>The block store over the node's SQLite database; owns the database.</summary>
public sealed class DatabaseBlockStore(ChainDatabase database) : IBlockStore
{
    public void Commit(BlockEffects effects) => database.CommitBlock(effects);

    public T Read<T>(Func<ChainReader, T> read) => read(database.Reader);

    public void Dispose() => database.Dispose();
}
