using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Server.Node;
using TheBlock.Storage;

namespace TheBlock.Server.Faults;

/// <summary>
/// The block store with the storage faults switched on over RPC: a write or read that fails as a broken disk would, a
/// block production that throws (the chain halts), and a commit held after its write until the fault is cleared.
/// </summary>
public sealed class FaultyBlockStore(IBlockStore inner, FaultInjection faults, ILogger log) : IBlockStore
{
    public void Commit(BlockEffects effects)
    {
        if (faults.ProductionFailing)
        {
            throw new InvalidOperationException($"injected block production failure at height {effects.Block.Height} (debug.fault.set block_production)");
        }

        ThrowIfStorageFailing();
        inner.Commit(effects);
        if (faults.CommitHeld)
        {
            // The block is on disk but the commit has not returned: the window in which readers must still see the
            // previous block everywhere (the head, the state, tx.status).
            log.LogWarning("BlockCommitHeld height={Height} fault={Fault}", effects.Block.Height, FaultInjection.CommitHold);
            faults.WaitWhileCommitHeld();
        }
    }

    public T Read<T>(Func<ChainReader, T> read)
    {
        ThrowIfStorageFailing();
        return inner.Read(read);
    }

    /// <summary>Releases a held commit first, so shutdown never waits on a fault.</summary>
    public void Dispose()
    {
        faults.Dispose();
        inner.Dispose();
    }

    private void ThrowIfStorageFailing()
    {
        if (faults.StorageFailing)
        {
            throw new SqliteException("injected storage failure (debug.fault.set storage)", 10);
        }
    }
}
