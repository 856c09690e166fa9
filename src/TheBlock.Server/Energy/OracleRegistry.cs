using System.Collections.Concurrent;
using TheBlock.Client.Energy.Oracle;

namespace TheBlock.Server.Energy;

/// <summary>
/// The oracles that have called this node, from their key syncs (heartbeats) and batches: what <c>energy oracle keys
/// status</c> shows. In memory: a restarted node learns its oracles again within one sync interval.
/// </summary>
public sealed class OracleRegistry(TimeProvider time)
{
    /// <summary>Three missed syncs at the oracle's default 5 s interval.</summary>
    public static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, Record> _oracles = new(StringComparer.Ordinal);

    public void Synced(string oracleId, ulong keyCount, ulong? lastSyncHeight)
    {
        var record = _oracles.GetOrAdd(oracleId, _ => new Record());
        lock (record)
        {
            record.KeyCount = keyCount;
            record.LastSyncHeight = lastSyncHeight ?? record.LastSyncHeight;
            record.LastSeen = time.GetUtcNow();
            record.LastSync = record.LastSeen;
        }
    }

    public void Forwarded(string oracleId, int admitted, int rejected)
    {
        var record = _oracles.GetOrAdd(oracleId, _ => new Record());
        lock (record)
        {
            record.LastSeen = time.GetUtcNow();
            record.Batches++;
            record.Admitted += (ulong)admitted;
            record.Rejected += (ulong)rejected;
        }
    }

    public IReadOnlyList<OracleIdentity> Snapshot()
    {
        var now = time.GetUtcNow();
        var list = new List<OracleIdentity>();
        foreach (var (id, record) in _oracles.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            lock (record)
            {
                var age = record.LastSync is { } synced ? now - synced : TimeSpan.MaxValue;
                list.Add(new OracleIdentity(
                    id,
                    record.KeyCount,
                    record.LastSyncHeight,
                    record.LastSeen.ToUnixTimeSeconds(),
                    Math.Round((now - record.LastSeen).TotalSeconds, 3),
                    age <= HealthyWithin,
                    HealthyWithin.TotalSeconds,
                    record.Batches,
                    record.Admitted,
                    record.Rejected));
            }
        }

        return list;
    }

    private sealed class Record
    {
        public ulong KeyCount { get; set; }

        public ulong? LastSyncHeight { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset? LastSync { get; set; }

        public ulong Batches { get; set; }

        public ulong Admitted { get; set; }

        public ulong Rejected { get; set; }
    }
}
