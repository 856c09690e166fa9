using Prometheus;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts;

/// <summary>
/// The node's receipt metrics of spec/receipts.md: <c>receipt_emitted_total{market}</c> counted per receipt of each
/// committed block (restored from the index at start, so it never decreases across restarts) and
/// <c>receipt_validation_errors_total{reason}</c> counted per refusal, at admission and in blocks. Every market and
/// reason reads 0 from the start, so <c>increase(...) == 0</c> finds a silent market. Refusals are also tallied per
/// market for <c>receipts.stats</c>.
/// </summary>
public sealed class ReceiptsMetrics
{
    public ReceiptsMetrics(IMetricFactory factory)
    {
        Emitted = factory.CreateCounter("receipt_emitted_total", "Receipts in committed blocks, by market.", new CounterConfiguration { LabelNames = ["market"] });
        ValidationErrors = factory.CreateCounter(
            "receipt_validation_errors_total", "Receipts the node refused, at admission or in a block, by reason.", new CounterConfiguration { LabelNames = ["reason"] });
        foreach (var reason in ReceiptReasons.Validation)
        {
            ValidationErrors.WithLabels(reason);
        }
    }

    public Counter Emitted { get; }

    public Counter ValidationErrors { get; }

    /// <summary>Creates every market's series and raises it to the stored total (a counter only goes up, so a restart resumes where the index is).</summary>
    public void Restore(IEnumerable<string> markets, IReadOnlyDictionary<string, ulong> storedTotals)
    {
        foreach (var market in markets.Concat(storedTotals.Keys).Distinct(StringComparer.Ordinal))
        {
            Emitted.WithLabels(market).IncTo(storedTotals.GetValueOrDefault(market));
        }
    }

    public void CountEmitted(string market, ulong count) => Emitted.WithLabels(market).Inc(count);

    public void CountRefusal(string market, string reason)
    {
        ValidationErrors.WithLabels(reason).Inc();
        Refusals.Count(market, reason);
    }

    /// <summary>The node's own refusals since start, by market and reason.</summary>
    public RefusalTally Refusals { get; } = new();
}
