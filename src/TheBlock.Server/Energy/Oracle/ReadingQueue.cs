using System.Threading.Channels;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>Verified readings waiting for the node: bounded, so a flood is answered <c>busy</c> instead of growing memory.</summary>
public sealed class ReadingQueue
{
    private readonly Channel<QueuedReading> _channel;
    private readonly OracleMetrics _metrics;
    private int _depth;

    public ReadingQueue(OracleOptions options, OracleMetrics metrics)
    {
        Capacity = options.QueueCapacity;
        _metrics = metrics;
        _channel = Channel.CreateBounded<QueuedReading>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    public int Capacity { get; }

    public int Depth => Volatile.Read(ref _depth);

    public ChannelReader<QueuedReading> Reader => _channel.Reader;

    public bool TryEnqueue(QueuedReading reading)
    {
        if (!_channel.Writer.TryWrite(reading))
        {
            return false;
        }

        _metrics.QueueDepth.Set(Interlocked.Increment(ref _depth));
        return true;
    }

    /// <summary>Called by the forwarder for each reading it takes off the queue.</summary>
    public void Taken(int count) => _metrics.QueueDepth.Set(Interlocked.Add(ref _depth, -count));
}
