using System.Collections.Concurrent;
using TheBlock.Client.Receipts.Emitter;

namespace TheBlock.Server.Receipts;

/// <summary>
/// The receipt-emitters that have called this node: the URL each listens on and when it last synced (its heartbeat),
/// which <c>receipts.reset_validation_state</c> uses to reach them, and the refusals each last reported. In memory: a restarted node learns its emitters
/// again within one sync interval.
/// </summary>
public sealed class EmitterRegistry(TimeProvider time)
{
    /// <summary>An emitter that synced within this long is one a reset must reach.</summary>
    public static readonly TimeSpan RecentWithin = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Record> _emitters = new(StringComparer.Ordinal);

    public void Synced(string emitterId, string listenUrl, IReadOnlyList<EmitterRefusalCount>? refusals = null)
    {
        var record = _emitters.GetOrAdd(emitterId, _ => new Record());
        lock (record)
        {
            record.ListenUrl = listenUrl;
            record.Refusals = refusals ?? record.Refusals;
            record.LastSync = time.GetUtcNow();
        }
    }

    /// <summary>What every emitter that synced since this node started last reported refusing, each since it started.</summary>
    public IReadOnlyList<EmitterRefusalCount> Refusals()
    {
        var all = new List<EmitterRefusalCount>();
        foreach (var record in _emitters.Values)
        {
            lock (record)
            {
                all.AddRange(record.Refusals);
            }
        }

        return all;
    }

    /// <summary>The emitters that synced within <see cref="RecentWithin"/>, by id.</summary>
    public IReadOnlyList<(string EmitterId, string ListenUrl)> Recent()
    {
        var since = time.GetUtcNow() - RecentWithin;
        var recent = new List<(string, string)>();
        foreach (var (id, record) in _emitters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            lock (record)
            {
                if (record.LastSync is { } synced && synced >= since && record.ListenUrl is { } url)
                {
                    recent.Add((id, url));
                }
            }
        }

        return recent;
    }

    private sealed class Record
    {
        public string? ListenUrl { get; set; }

        public DateTimeOffset? LastSync { get; set; }

        public IReadOnlyList<EmitterRefusalCount> Refusals { get; set; } = [];
    }
}
