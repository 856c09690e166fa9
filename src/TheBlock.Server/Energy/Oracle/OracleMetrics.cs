using Prometheus;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>The oracle role's metrics (spec/energy.md, "Metrics"), on the role's own registry.</summary>
public sealed class OracleMetrics
{
    public const string Admitted = "admitted";
    public const string Retried = "retried";
    public const string Failed = "failed";

    public OracleMetrics(IMetricFactory factory)
    {
        Latency = factory.CreateHistogram(
            "oracle_latency_seconds",
            "From a reading's arrival at the oracle to the oracle seeing it in a committed block.",
            new HistogramConfiguration { Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60] });
        PendingVerifications = factory.CreateGauge("oracle_pending_verifications", "Readings received and not yet verified.");
        QueueDepth = factory.CreateGauge("oracle_queue_depth", "Verified readings waiting for the node to take them.");
        Batches = factory.CreateCounter(
            "oracle_batches_total",
            "Calls forwarding a batch to the node, by outcome (admitted: the node answered; retried: the node was unreachable; failed: the node refused the call).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var outcome in new[] { Admitted, Retried, Failed })
        {
            Batches.WithLabels(outcome);
        }

        Rejections = new ReadingRejectionCounters(factory);
    }

    public Histogram Latency { get; }

    public Gauge PendingVerifications { get; }

    public Gauge QueueDepth { get; }

    public Counter Batches { get; }

    public ReadingRejectionCounters Rejections { get; }
}
