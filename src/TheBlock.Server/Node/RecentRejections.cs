using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>
/// Why recently refused transactions were refused, so <c>tx status</c> can answer "rejected" with the reason.
/// Bounded: the oldest answers are forgotten first.
/// </summary>
public sealed class RecentRejections
{
    private readonly int _capacity;
    private readonly Dictionary<Hash32, Rejection> _byHash = [];
    private readonly Queue<Hash32> _order = new();
    private readonly Lock _lock = new();

    public RecentRejections(int capacity) => _capacity = capacity;

    public void Record(Hash32 hash, Rejection rejection)
    {
        lock (_lock)
        {
            if (_byHash.TryAdd(hash, rejection))
            {
                _order.Enqueue(hash);
                if (_order.Count > _capacity)
                {
                    _byHash.Remove(_order.Dequeue());
                }
            }
        }
    }

    public Rejection? Find(Hash32 hash)
    {
        lock (_lock)
        {
            return _byHash.GetValueOrDefault(hash);
        }
    }
}
