namespace TheBlock.Server.Rpc;

/// <summary>
/// At most <see cref="Capacity"/> expensive calls (audits) at once. A call that finds every slot taken is refused at
/// once with <c>busy</c> rather than queued: queued audits would still pile up CPU and hold connections.
/// </summary>
public sealed class RpcConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public RpcConcurrencyGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public int Capacity { get; }

    /// <summary>A slot, given back when disposed; null when every slot is taken.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
