using System.Collections.Concurrent;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts;

/// <summary>
/// Receipts refused since the process started, by market and reason: what <c>receipts.stats</c> reports as
/// <c>validation_errors</c>, kept by the node for its own refusals and by each emitter for its ingestion's (which it reports
/// to the node with every sync). A refusal whose market could not be read counts under <see cref="UnknownMarket"/>.
/// </summary>
public sealed class RefusalTally
{
    public const string UnknownMarket = "-";

    private readonly ConcurrentDictionary<(string Market, string Reason), Counter> _counts = new();

    public void Count(string market, string reason) => Interlocked.Increment(ref _counts.GetOrAdd((market, reason), _ => new Counter()).Value);

    /// <summary>Every (market, reason) counted so far, as an emitter reports them.</summary>
    public IReadOnlyList<EmitterRefusalCount> Snapshot() =>
        [.. _counts.Select(pair => new EmitterRefusalCount(pair.Key.Market, pair.Key.Reason, (ulong)Interlocked.Read(ref pair.Value.Value)))];

    /// <summary>The counts by reason (every reason present) of <paramref name="market"/>, or of all markets when null, added to <paramref name="into"/>.</summary>
    public static Dictionary<string, ulong> Sum(IEnumerable<EmitterRefusalCount> counts, string? market, Dictionary<string, ulong>? into = null)
    {
        into ??= ReceiptReasons.Validation.ToDictionary(reason => reason, _ => 0UL, StringComparer.Ordinal);
        foreach (var count in counts.Where(c => market is null || c.Market == market))
        {
            into[count.Reason] = into.GetValueOrDefault(count.Reason) + count.Count;
        }

        return into;
    }

    private sealed class Counter
    {
        public long Value;
    }
}
