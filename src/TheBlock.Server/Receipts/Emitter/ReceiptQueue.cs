using System.Threading.Channels;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The emitter's durable queue in front of <see cref="ReceiptStore"/>: bounded (a receipt past
/// <see cref="Capacity"/> is answered <c>busy</c>), and group-committing: one writer takes every submission waiting
/// and commits them in one SQLite transaction, so concurrent submitters share an fsync. <see cref="AppendAsync"/>
/// completes only once its receipts are committed, which is what <c>accepted</c> means.
/// </summary>
public sealed class ReceiptQueue : BackgroundService
{
    private readonly ReceiptStore _store;
    private readonly ValidationState _validation;
    private readonly EmitterMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _arrived = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _depth;

    public ReceiptQueue(ReceiptStore store, ValidationState validation, EmitterMetrics metrics, EmitterOptions options, TimeProvider time)
    {
        _store = store;
        _validation = validation;
        _metrics = metrics;
        _time = time;
        Capacity = options.QueueCapacity;
        _depth = store.PendingCount();
        metrics.Pending.Set(_depth);
    }

    public long Capacity { get; }

    /// <summary>Receipts accepted and not yet seen in a committed block (queued plus submitted), counting room held by writes in progress.</summary>
    public long Depth => Interlocked.Read(ref _depth);

    /// <summary>Signalled whenever receipts were committed: the forwarder waits on it.</summary>
    public ChannelReader<bool> Arrived => _arrived.Reader;

    /// <summary>Holds room for as many of <paramref name="count"/> receipts as the queue can take; answers how many.</summary>
    public int HoldRoomUpTo(int count)
    {
        while (true)
        {
            var depth = Interlocked.Read(ref _depth);
            var granted = (int)Math.Clamp(Capacity - depth, 0, count);
            if (granted == 0 || Interlocked.CompareExchange(ref _depth, depth + granted, depth) == depth)
            {
                return granted;
            }
        }
    }

    /// <summary>Gives back room held for receipts that were not queued, or of receipts whose life in the queue ended.</summary>
    public void Release(int count) => _metrics.Pending.Set(Interlocked.Add(ref _depth, -count));

    /// <summary>Commits <paramref name="receipts"/> (room already held) with whatever else is waiting; throws when the write failed.</summary>
    public Task AppendAsync(IReadOnlyList<QueuedReceipt> receipts)
    {
        var write = new PendingWrite(receipts);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new InvalidOperationException("the emitter's queue is stopping");
        }

        return write.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingWrite>();
        try
        {
            while (await _writes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                group.Clear();
                while (_writes.Reader.TryRead(out var write))
                {
                    group.Add(write);
                }

                Commit(group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _writes.Writer.TryComplete();
            while (_writes.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(new InvalidOperationException("the emitter stopped before the receipt was queued"));
            }
        }
    }

    private void Commit(List<PendingWrite> group)
    {
        var receipts = group.SelectMany(write => write.Receipts).ToList();
        try
        {
            _store.Append(receipts, _time.GetUtcNow().ToUnixTimeMilliseconds(), _validation.WindowFloors(receipts));
        }
        catch (Exception ex)
        {
            foreach (var write in group)
            {
                write.Done.TrySetException(ex);
            }

            return;
        }

        _metrics.Pending.Set(Depth);
        foreach (var write in group)
        {
            write.Done.TrySetResult();
        }

        _arrived.Writer.TryWrite(true);
    }

    private sealed class PendingWrite(IReadOnlyList<QueuedReceipt> receipts)
    {
        public IReadOnlyList<QueuedReceipt> Receipts { get; } = receipts;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
