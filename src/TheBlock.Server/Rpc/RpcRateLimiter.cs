using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;

namespace TheBlock.Server.Rpc;

/// <summary>
/// A <see cref="TokenBucketRateLimiter"/> per client IP: refills at the configured rate, holds up to twice that as
/// burst. The library refills only from the wall clock (its timer, or <c>TryReplenish</c>, both read Stopwatch), so
/// each bucket is credited by hand from the node's <see cref="TimeProvider"/> when it is asked: tests step time, and
/// the node's is the system clock.
/// </summary>
internal sealed class RpcRateLimiter
{
    // Past this many tracked clients, idle buckets (which would be full again anyway) are dropped.
    private const int PruneThreshold = 4096;

    private readonly ConcurrentDictionary<IPAddress, ClientBucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly int _burst;
    private readonly long _ticksToFill;
    private long _nextPruneAt;

    public RpcRateLimiter(int perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        PerSecond = perSecond;
        _time = time;
        _burst = 2 * perSecond;
        _ticksToFill = perSecond == 0 ? 0 : (long)Math.Ceiling(_burst * (double)time.TimestampFrequency / perSecond);
    }

    public int PerSecond { get; }

    /// <summary>How many clients have a bucket now.</summary>
    public int TrackedClients => _buckets.Count;

    private bool Enabled => PerSecond > 0;

    /// <summary>True if a call would be admitted now; takes nothing, so a flood is turned away before its body is read.</summary>
    public bool HasCapacity(IPAddress? remote) => !Enabled || GetBucket(remote).HasPermit(_time.GetTimestamp());

    public bool TryAcquire(IPAddress? remote) => !Enabled || GetBucket(remote).TryAcquire(_time.GetTimestamp());

    private ClientBucket GetBucket(IPAddress? remote)
    {
        IPAddress key = remote switch
        {
            null => IPAddress.IPv6None,
            { IsIPv4MappedToIPv6: true } => remote.MapToIPv4(),
            _ => remote,
        };

        if (_buckets.TryGetValue(key, out ClientBucket? bucket))
        {
            return bucket;
        }

        PruneIfCrowded();
        return _buckets.GetOrAdd(key, static (_, limiter) => new ClientBucket(limiter, limiter._time.GetTimestamp()), this);
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

        foreach ((IPAddress key, ClientBucket bucket) in _buckets)
        {
            if (bucket.IdleSince(now) >= _ticksToFill && _buckets.TryRemove(key, out ClientBucket? removed))
            {
                removed.Dispose();
            }
        }
    }

    /// <summary>
    /// One client's bucket. Whole tokens are credited for the time since the last credit (the fraction carries over),
    /// at most up to the burst; a bucket that would be full again is simply replaced by a fresh, full one.
    /// </summary>
    private sealed class ClientBucket(RpcRateLimiter owner, long now) : IDisposable
    {
        private readonly Lock _lock = new();
        private TokenBucketRateLimiter _tokens = NewFull(owner);
        private long _creditedUpTo = now;

        public bool HasPermit(long now)
        {
            lock (_lock)
            {
                Credit(now);
                return _tokens.GetStatistics()?.CurrentAvailablePermits >= 1;
            }
        }

        public bool TryAcquire(long now)
        {
            lock (_lock)
            {
                Credit(now);
                using RateLimitLease lease = _tokens.AttemptAcquire();
                return lease.IsAcquired;
            }
        }

        public long IdleSince(long now)
        {
            lock (_lock)
            {
                return now - _creditedUpTo;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _tokens.Dispose();
            }
        }

        private void Credit(long now)
        {
            long elapsed = now - _creditedUpTo;
            if (elapsed <= 0)
            {
                return;
            }

            // A full bucket earns nothing: time spent full must not be credited later.
            long missing = owner._burst - (_tokens.GetStatistics()?.CurrentAvailablePermits ?? 0);
            if (missing <= 0 || elapsed >= owner._ticksToFill)
            {
                if (missing > 0)
                {
                    Refill();
                }

                _creditedUpTo = now;
                return;
            }

            long frequency = owner._time.TimestampFrequency;
            long earned = (long)(elapsed * (double)owner.PerSecond / frequency);
            if (earned <= 0)
            {
                return;
            }

            if (earned >= missing)
            {
                Refill();
                _creditedUpTo = now;
                return;
            }

            Rebuild((int)(owner._burst - missing + earned));
            _creditedUpTo += (long)(earned * (double)frequency / owner.PerSecond);
        }

        private void Refill() => Rebuild(owner._burst);

        // The library's bucket refills only from the wall clock (TryReplenish reads Stopwatch), so credits earned on
        // the node's clock are given by starting a bucket full and taking back what is not credited.
        private void Rebuild(int available)
        {
            _tokens.Dispose();
            _tokens = NewFull(owner);
            if (available < owner._burst)
            {
                _tokens.AttemptAcquire(owner._burst - available).Dispose();
            }
        }

        private static TokenBucketRateLimiter NewFull(RpcRateLimiter owner) => new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(owner._burst, 1),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / Math.Max(owner.PerSecond, 1)),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }
}
