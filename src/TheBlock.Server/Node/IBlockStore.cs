using TheBlock.Protocol.Chain;
using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>
/// The node's durable storage as block production and the module loops reach it: one seam a decorator can wrap
/// (fault injection today, the simulator's faulty disk later) without an <c>if</c> in the code that commits or reads.
/// </summary>
public interface IBlockStore : IDisposable
{
    /// <summary>Writes a block's effects in one transaction and fsyncs; throws <c>SqliteException</c> when storage failed.</summary>
    void Commit(BlockEffects effects);

    /// <summary>Reads the stored chain; throws <c>SqliteException</c> when storage failed.</summary>
    T Read<T>(Func<ChainReader, T> read);
}
