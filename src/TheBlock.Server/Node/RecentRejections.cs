using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>
/// Why recently refused transactions were refused, so <c>tx status</c> can answer "rejected" with the reason.
/// A transaction admitted after a refusal (the same transaction sent again) is forgotten here, so a refusal never
/// outlives the commit of the transaction it was about. Bounded: the oldest answers are forgotten first.
/// </summary>
public sealed class RecentRejections
{
    private readonly int _capacity;
    private readonly Dictionary<Hash32, (Rejection Rejection, long Sequence)> _byHash = [];
    private readonly Queue<(Hash32 Hash, long Sequence)> _order = new();
    private readonly Lock _lock = new();
    private long _sequence;

    public RecentRejections(int capacity) => _capacity = capacity;

    public void Record(Hash32 hash, Rejection rejection)
    {
        lock (_lock)
        {
            var sequence = ++_sequence;
            if (_byHash.TryAdd(hash, (rejection, sequence)))
            {
                _order.Enqueue((hash, sequence));
                while (_order.Count > _capacity)
                {
                    var (oldest, recorded) = _order.Dequeue();

                    // A hash forgotten and refused again has a newer entry that this old place in line must not evict.
                    if (_byHash.TryGetValue(oldest, out var entry) && entry.Sequence == recorded)
                    {
                        _byHash.Remove(oldest);
                    }
                }
            }
        }
    }

    /// <summary>The transaction was admitted: an earlier refusal of it no longer says anything about it.</summary>
    public void Forget(Hash32 hash)
    {
        lock (_lock)
        {
            _byHash.Remove(hash);
        }
    }

    public Rejection? Find(Hash32 hash)
    {
        lock (_lock)
        {
            return _byHash.TryGetValue(hash, out var entry) ? entry.Rejection : null;
        }
    }
}
