using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Node;

/// <summary>
/// The node's own transactions that were signed again at a lower nonce because an earlier one of the node's failed in
/// a block (see <see cref="ChainService"/>'s drop path), each mapped to its replacement. Whoever follows the hash it
/// was given (the executor, the rollback RPC) finds the transaction that will actually be included.
/// Bounded: the oldest replacements are forgotten first.
/// </summary>
public sealed class ResignedTransactions
{
    private readonly int _capacity;
    private readonly Dictionary<Hash32, Hash32> _replacements = [];
    private readonly Queue<Hash32> _order = new();
    private readonly Lock _lock = new();

    public ResignedTransactions(int capacity) => _capacity = capacity;

    public void Record(Hash32 original, Hash32 replacement)
    {
        lock (_lock)
        {
            if (_replacements.TryAdd(original, replacement))
            {
                _order.Enqueue(original);
                if (_order.Count > _capacity)
                {
                    _replacements.Remove(_order.Dequeue());
                }
            }
        }
    }

    /// <summary>The last replacement of <paramref name="hash"/> (re-signing can repeat), or the hash itself when it was never replaced.</summary>
    public Hash32 Latest(Hash32 hash)
    {
        lock (_lock)
        {
            while (_replacements.TryGetValue(hash, out var replacement))
            {
                hash = replacement;
            }

            return hash;
        }
    }
}
