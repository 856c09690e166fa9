using Prometheus;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>The receipt-emitter's metrics (spec/receipts.md, "Emission and logs"), on the role's own registry; every label reads 0 from the start.</summary>
public sealed class EmitterMetrics
{
    public const string Admitted = "admitted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    public EmitterMetrics(IMetricFactory factory)
    {
        Pending = factory.CreateGauge("receipt_emitter_pending", "Receipts accepted (durably queued) and not yet seen in a committed block: queued plus submitted.");
        Batches = factory.CreateCounter(
            "receipt_emitter_batches_total",
            "Calls forwarding a batch to the node, by outcome (admitted: the node answered per receipt; rejected: the node refused the call; failed: the node was unreachable). Refused and failed batches are retried.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var outcome in new[] { Admitted, Rejected, Failed })
        {
            Batches.WithLabels(outcome);
        }

        Accepted = factory.CreateCounter(
            "receipt_emitter_accepted_total",
            "Receipts this emitter accepted (validated and durably queued), by market: the passed side of the validation success ratio.",
            new CounterConfiguration { LabelNames = ["market"] });
        foreach (var market in ServiceMarkets.Names)
        {
            Accepted.WithLabels(market);
        }

        LastSubmitAt = factory.CreateGauge("receipt_emitter_last_submit_at_seconds", "Unix time of the last batch the node answered.");
        ValidationErrors = factory.CreateCounter(
            "receipt_validation_errors_total",
            "Receipts this emitter refused at ingestion, by reason (spec/receipts.md, \"Validation\").",
            new CounterConfiguration { LabelNames = ["reason"] });
        NodeRejections = factory.CreateCounter(
            "receipt_emitter_node_rejections_total",
            "Accepted receipts the node refused when the emitter forwarded them, or their block refused, by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });
        foreach (var reason in ReceiptReasons.Validation)
        {
            ValidationErrors.WithLabels(reason);
            NodeRejections.WithLabels(reason);
        }
    }

    public Gauge Pending { get; }

    public Counter Batches { get; }

    public Counter Accepted { get; }

    public Gauge LastSubmitAt { get; }

    public Counter ValidationErrors { get; }

    public Counter NodeRejections { get; }

    /// <summary>What this emitter refused at ingestion since it started, by market and reason, reported to the node with each sync.</summary>
    public RefusalTally Refusals { get; } = new();

    public void CountRefusal(string market, string reason)
    {
        ValidationErrors.WithLabels(reason).Inc();
        Refusals.Count(market, reason);
    }
}
