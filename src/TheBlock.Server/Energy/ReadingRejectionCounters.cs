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
    private readonly Counter _signatureFailures;
    private readonly Counter _rejections;

    public ReadingRejectionCounters(IMetricFactory factory)
    {
        _signatureFailures = factory.CreateCounter(
            "energy_signature_verification_failures_total",
            "Meter readings refused by signature verification, by reason (invalid_format, scheme_unsupported, key_not_found, verification_failed).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _rejections = factory.CreateCounter(
            "energy_reading_rejections_total",
            "Meter readings refused by any check, by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });
        foreach (var reason in EnergyReasons.SignatureVerification)
        {
            _signatureFailures.WithLabels(reason);
        }

        foreach (var reason in EnergyReasons.Reading)
        {
            _rejections.WithLabels(reason);
        }
    }

    public void Count(string reason)
    {
        if (!EnergyReasons.Reading.Contains(reason))
        {
            return;
        }

        _rejections.WithLabels(reason).Inc();
        if (EnergyReasons.SignatureVerification.Contains(reason))
        {
            _signatureFailures.WithLabels(reason).Inc();
        }
    }
}
