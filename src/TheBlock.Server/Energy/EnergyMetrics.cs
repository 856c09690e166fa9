using Prometheus;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Modules;
using TheBlock.Storage;

namespace TheBlock.Server.Energy;

/// <summary>
/// The node's energy metrics of spec/energy.md, fed by committed blocks' events. Every label value the runbook queries
/// exists from the start (reads 0): the five provider statuses, the four signature-verification reasons, the nine
/// reading reasons and the slashing reason.
/// </summary>
public sealed class EnergyMetrics
{
    public EnergyMetrics(IMetricFactory factory)
    {
        PendingCredits = factory.CreateGauge("energy_pending_credits_total", "Credits pending settlement.");
        PendingKwh = factory.CreateGauge("energy_pending_kwh", "kWh of the credits pending settlement.");
        Settlements = factory.CreateCounter("energy_settlements_total", "Credits settled from an offtaker's escrow.");
        SettledKwh = factory.CreateCounter("energy_settled_kwh_total", "kWh of the credits settled.");
        ExpiredCredits = factory.CreateCounter("energy_expired_credits_total", "Credits that expired unpaid.");
        ActiveDisputes = factory.CreateGauge("energy_active_disputes_total", "Disputes open.");
        DisputeResolution = factory.CreateHistogram(
            "energy_dispute_resolution_seconds",
            "Time from a dispute's opening to its resolution (block times).",
            new HistogramConfiguration { Buckets = [60, 300, 900, 1_800, 3_600, 14_400, 43_200, 86_400, 259_200, 604_800] });
        Slashing = factory.CreateCounter("energy_slashing_total", "Provider stakes slashed, by provider and reason.", new CounterConfiguration { LabelNames = ["provider", "reason"] });
        Providers = factory.CreateGauge("energy_providers", "Providers in each status.", new GaugeConfiguration { LabelNames = ["status"] });
        Rejections = new ReadingRejectionCounters(factory);
        foreach (var status in ProviderStatuses.All)
        {
            Providers.WithLabels(ProviderStatuses.Name(status));
        }
    }

    public Gauge PendingCredits { get; }

    public Gauge PendingKwh { get; }

    public Counter Settlements { get; }

    public Counter SettledKwh { get; }

    public Counter ExpiredCredits { get; }

    public Gauge ActiveDisputes { get; }

    public Histogram DisputeResolution { get; }

    public Counter Slashing { get; }

    public Gauge Providers { get; }

    /// <summary>The node's two reading-refusal counters, the same shape as the oracle's.</summary>
    public ReadingRejectionCounters Rejections { get; }

    public Counter SignatureFailures => Rejections.SignatureFailures;

    public Counter ReadingRejections => Rejections.Rejections;

    /// <summary>
    /// Counts a refused reading under <paramref name="reason"/> in <c>energy_reading_rejections_total</c> and, when it
    /// is one of the four signature reasons, in <c>energy_signature_verification_failures_total</c> too. The chain's
    /// refusals arrive here from committed blocks; the node's admission calls it for the readings it refuses itself.
    /// </summary>
    public void CountRejection(string reason)
    {
        if (!EnergyReasons.Reading.Contains(reason))
        {
            throw new ArgumentException($"\"{reason}\" is not a reading reason; expected one of {string.Join(", ", EnergyReasons.Reading)}", nameof(reason));
        }

        Count(reason);
    }

    /// <summary>Sets the gauges from what is stored and proven at start-up.</summary>
    public void SetInitial(EnergyOpenTotals totals, IEnumerable<ProviderStatus> providerStatuses)
    {
        SetOpen(totals);
        var counts = ProviderStatuses.All.ToDictionary(status => status, _ => 0);
        foreach (var status in providerStatuses)
        {
            counts[status]++;
        }

        foreach (var (status, count) in counts)
        {
            Providers.WithLabels(ProviderStatuses.Name(status)).Set(count);
        }
    }

    /// <summary>Counts one committed block's settlements, expiries, disputes, slashings, provider moves and refused readings.</summary>
    public void OnBlockCommitted(IEnumerable<EmittedEvent> events, EnergyOpenTotals totals)
    {
        foreach (var emitted in events)
        {
            switch (emitted.Event)
            {
                case EnergyCreditChanged { Credit: var credit, From: var from } when from != credit.Status:
                    if (credit.Status == CreditStatus.Settled)
                    {
                        Settlements.Inc();
                        SettledKwh.Inc(credit.AmountKwh);
                    }
                    else if (credit.Status == CreditStatus.Expired)
                    {
                        ExpiredCredits.Inc();
                    }

                    break;
                case EnergyDisputeChanged { Dispute: { IsOpen: false } resolved }:
                    if (resolved.ResolvedAt is { } at)
                    {
                        DisputeResolution.Observe(at >= resolved.OpenedAt ? at - resolved.OpenedAt : 0);
                    }

                    if (resolved.Outcome == DisputeOutcome.Upheld)
                    {
                        Slashing.WithLabels(resolved.ProviderId, EnergyReasonRegistry.Slashing.DisputeUpheld).Inc();
                    }

                    break;
                case EnergyProviderChanged { Provider: var provider, From: var from } when from != provider.Status:
                    if (from is { } previous)
                    {
                        Providers.WithLabels(ProviderStatuses.Name(previous)).Dec();
                    }

                    Providers.WithLabels(ProviderStatuses.Name(provider.Status)).Inc();
                    break;
                // Counted without CountRejection's check: a committed block's reason is the chain's, and this handler runs inside the commit.
                case EnergyReadingRejected { Reason: var reason }:
                    Count(reason);
                    break;
            }
        }

        SetOpen(totals);
    }

    private void Count(string reason) => Rejections.Count(reason);

    private void SetOpen(EnergyOpenTotals totals)
    {
        PendingCredits.Set(totals.PendingCredits);
        PendingKwh.Set(totals.PendingKwh);
        ActiveDisputes.Set(totals.ActiveDisputes);
    }
}
