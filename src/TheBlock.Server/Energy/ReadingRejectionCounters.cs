using Prometheus;
using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy;

/// <summary>
/// <c>energy_signature_verification_failures_total{reason}</c> and <c>energy_reading_rejections_total{reason}</c> on one
/// registry: the oracle's for what it refuses, the node's for what admission or a block refuses. A reading is refused
/// by one tier only, so summing the tiers never counts it twice. Every reason reads 0 from the start.
/// </summary>
public sealed class ReadingRejectionCounters
{
    public ReadingRejectionCounters(IMetricFactory factory)
    {
        SignatureFailures = factory.CreateCounter(
            "energy_signature_verification_failures_total",
            "Meter readings refused by signature verification, by reason (invalid_format, scheme_unsupported, key_not_found, verification_failed).",
            new CounterConfiguration { LabelNames = ["reason"] });
        Rejections = factory.CreateCounter(
            "energy_reading_rejections_total",
            "Meter readings refused by any check, by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });
        foreach (var reason in EnergyReasons.SignatureVerification)
        {
            SignatureFailures.WithLabels(reason);
        }

        foreach (var reason in EnergyReasons.Reading)
        {
            Rejections.WithLabels(reason);
        }
    }

    public Counter SignatureFailures { get; }

    public Counter Rejections { get; }

    /// <summary>Counts a refused reading; a reason that is not a reading check's (a node that could not admit the batch) is no reading refusal and is not counted.</summary>
    public void Count(string reason)
    {
        if (!EnergyReasons.Reading.Contains(reason))
        {
            return;
        }

        Rejections.WithLabels(reason).Inc();
        if (EnergyReasons.SignatureVerification.Contains(reason))
        {
            SignatureFailures.WithLabels(reason).Inc();
        }
    }
}
