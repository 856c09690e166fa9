using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>
/// The last few committed blocks <c>tx.status</c> decoded, by height. Clients follow the transactions of a new block
/// one by one (an emitter follows each of its batches), and a block of thousands of receipts is a megabyte to decode
/// each time; a committed block never changes at its height, so the copy answers for it. Audits and re-validation read
/// the stored bytes, never this.
/// </summary>
public sealed class RecentBlocks(ChainReader reader, int capacity = RecentBlocks.DefaultCapacity)
{
    public const int DefaultCapacity = 4;

    private readonly Lock _lock = new();
    private readonly Queue<StoredBlock> _blocks = new();

    public StoredBlock? Get(ulong height)
    {
        lock (_lock)
        {
            if (_blocks.FirstOrDefault(b => b.Height == height) is { } cached)
            {
                return cached;
            }
        }

        if (reader.GetBlock(height) is not { } stored)
        {
            return null;
        }

        lock (_lock)
        {
            if (_blocks.All(b => b.Height != height))
            {
                _blocks.Enqueue(stored);
                if (_blocks.Count > capacity)
                {
                    _blocks.Dequeue();
                }
            }
        }

        return stored;
    }
}
