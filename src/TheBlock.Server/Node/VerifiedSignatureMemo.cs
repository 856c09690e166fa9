using System.Collections.Concurrent;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Node;

/// <summary>
/// The signature checks this node passed while admitting work it has not yet put in a block (a module remembers each
/// when it admits and forgets it once a block holds it or the mempool dropped it), handed to the blocks it proposes so
/// they do not verify the same signatures twice. Bounded: past <see cref="Capacity"/> a check is not remembered and the
/// block verifies it, which costs time and changes nothing else.
/// </summary>
public sealed class VerifiedSignatureMemo(int capacity = VerifiedSignatureMemo.DefaultCapacity) : IVerifiedSignatures
{
    public const int DefaultCapacity = 500_000;

    private readonly ConcurrentDictionary<Hash32, byte> _checks = new();
    private int _count;

    public int Capacity => capacity;

    public int Count => Volatile.Read(ref _count);

    public bool Contains(Hash32 check) => _checks.ContainsKey(check);

    public void Remember(Hash32 check)
    {
        if (Volatile.Read(ref _count) < capacity && _checks.TryAdd(check, 0))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void Forget(Hash32 check)
    {
        if (_checks.TryRemove(check, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
