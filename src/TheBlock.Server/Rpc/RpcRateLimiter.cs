using System.Collections.Concurrent;
using System.Net;

namespace TheBlock.Server.Rpc;

/// <summary>A token bucket per client IP: refills at the configured rate, holds up to twice that as burst.</summary>
internal sealed class RpcRateLimiter
{
    // Past this many tracked clients, idle buckets (which would be full again anyway) are dropped.
    private const int PruneThreshold = 4096;

    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly double _tokensPerTick;
    private readonly double _burst;
    private readonly long _ticksToFill;
    private long _nextPruneAt;

    public RpcRateLimiter(int perSecond, TimeProvider time)
    {
        PerSecond = perSecond;
        _time = time;
        _burst = 2.0 * perSecond;
        _tokensPerTick = perSecond / (double)time.TimestampFrequency;
        _ticksToFill = perSecond == 0 ? 0 : (long)Math.Ceiling(_burst / _tokensPerTick);
    }

    public int PerSecond { get; }

    private bool Enabled => PerSecond > 0;

    /// <summary>True if a call would be admitted now; takes nothing, so a flood is turned away before its body is read.</summary>
    public bool HasCapacity(IPAddress? remote) => !Enabled || GetBucket(remote).Peek(this, _time.GetTimestamp()) >= 1.0;

    public bool TryAcquire(IPAddress? remote) => !Enabled || GetBucket(remote).TryTake(this, _time.GetTimestamp());

    private Bucket GetBucket(IPAddress? remote)
    {
        IPAddress key = remote switch
        {
            null => IPAddress.IPv6None,
            { IsIPv4MappedToIPv6: true } => remote.MapToIPv4(),
            _ => remote,
        };

        if (_buckets.TryGetValue(key, out Bucket? bucket))
        {
            return bucket;
        }

        PruneIfCrowded();
        return _buckets.GetOrAdd(key, static (_, limiter) => new Bucket(limiter._burst, limiter._time.GetTimestamp()), this);
    }

    private void PruneIfCrowded()
    {
        long now = _time.GetTimestamp();
        long due = Interlocked.Read(ref _nextPruneAt);
        if (_buckets.Count < PruneThreshold || now < due
            || Interlocked.CompareExchange(ref _nextPruneAt, now + _time.TimestampFrequency, due) != due)
        {
            return;
        }

        foreach ((IPAddress key, Bucket bucket) in _buckets)
        {
            if (bucket.IdleSince(now) >= _ticksToFill)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _updatedAt = updatedAt;

        public double Peek(RpcRateLimiter limiter, long now)
        {
            lock (_lock)
            {
                Refill(limiter, now);
                return _tokens;
            }
        }

        public bool TryTake(RpcRateLimiter limiter, long now)
        {
            lock (_lock)
            {
                Refill(limiter, now);
                if (_tokens < 1.0)
                {
                    return false;
                }

                _tokens -= 1.0;
                return true;
            }
        }

        public long IdleSince(long now)
        {
            lock (_lock)
            {
                return now - _updatedAt;
            }
        }

        private void Refill(RpcRateLimiter limiter, long now)
        {
            long elapsed = now - _updatedAt;
            if (elapsed > 0)
            {
                _tokens = Math.Min(limiter._burst, _tokens + (elapsed * limiter._tokensPerTick));
                _updatedAt = now;
            }
        }
    }
}
