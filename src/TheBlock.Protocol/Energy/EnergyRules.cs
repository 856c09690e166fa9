using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>The market's rules that more than one transaction (or the end-of-block step) applies.</summary>
public static class EnergyRules
{
    /// <summary>Checks one reading against the block's state and applies it: a credit for a positive delta, the meter's new head, reputation.</summary>
    public static void ApplyReading(StateOverlay overlay, EnergyParameters parameters, SignedReading reading)
    {
        var now = overlay.UnixSeconds;
        var provider = overlay.GetProvider(reading.ProviderId);
        var head = overlay.GetMeterHead(reading.ProviderId, reading.Meter);
        if (ReadingCheck.Run(reading, provider, head, now, parameters.MaxSkewSeconds) is { } failure)
        {
            overlay.Emit(new EnergyReadingRejected(reading.ProviderId, reading.Meter, reading.Nonce, failure.Reason));
            if (provider is not null && Scored(provider.Reputation, failure.Reason) is { } scored)
            {
                Put(overlay, provider, Judge(provider with { Reputation = scored }, parameters));
            }

            return;
        }

        var delta = head is { } previous ? reading.TotalKwh - previous.TotalKwh : 0;
        ulong? creditId = null;
        var changed = provider! with
        {
            Reputation = provider.Reputation.Accepted(
                onTime: now <= reading.Timestamp || now - reading.Timestamp <= parameters.LateAfterSeconds,
                withinCapacity: delta <= provider.CapacityKwh),
            LastReadingAt = now,
        };
        if (delta > 0)
        {
            var counters = overlay.EnergyCounters;
            overlay.PutEnergyCounters(counters with { NextCreditId = counters.NextCreditId + 1 });
            creditId = counters.NextCreditId;
            overlay.PutCredit(new Credit
            {
                CreditId = counters.NextCreditId,
                ProviderId = reading.ProviderId,
                Meter = reading.Meter,
                AmountKwh = delta,
                PricePerKwh = provider.PricePerKwh,
                ReadingTimestamp = reading.Timestamp,
                CreatedAt = now,
                CreatedHeight = overlay.Height,
                Status = CreditStatus.Pending,
            }, null);
            changed = changed with { OpenCredits = changed.OpenCredits + 1 };
        }

        overlay.PutMeterHead(reading.ProviderId, reading.Meter, new MeterHead(reading.Nonce, reading.TotalKwh, reading.Timestamp));
        Put(overlay, provider, changed);
        overlay.Emit(new EnergyReadingAccepted(reading.ProviderId, reading.Meter, reading.Nonce, reading.TotalKwh, creditId));
    }

    /// <summary>Resolves an open dispute: upheld voids the credit and slashes the provider; rejected returns the credit to pending.</summary>
    public static void Resolve(StateOverlay overlay, EnergyParameters parameters, Dispute dispute, DisputeOutcome outcome, Address resolver, string reference)
    {
        var now = overlay.UnixSeconds;
        var credit = overlay.GetOpenCredit(dispute.CreditId)
            ?? throw new InvariantViolationException($"open dispute {dispute.DisputeId} names credit {dispute.CreditId}, which is not open");
        var provider = overlay.GetProvider(dispute.ProviderId)!;
        ulong? slashed = null;
        Provider changed;
        if (outcome == DisputeOutcome.Upheld)
        {
            var slash = (ulong)((UInt128)provider.Stake * parameters.SlashBps / EnergyParameters.BasisPoints);
            overlay.SlashStake(slash, reference);
            slashed = slash;
            overlay.PutCredit(credit with { Status = CreditStatus.Voided, ClosedAt = now }, credit.Status);
            changed = Judge(provider with
            {
                Stake = provider.Stake - slash,
                SlashedTotal = provider.SlashedTotal + slash,
                UpheldDisputes = provider.UpheldDisputes + 1,
                OpenCredits = provider.OpenCredits - 1,
                Reputation = provider.Reputation.DisputeUpheld(),
                UpdatedAt = now,
            }, parameters);
            changed = ReleaseIfDone(overlay, changed, reference);
        }
        else
        {
            overlay.PutCredit(credit with { Status = CreditStatus.Pending }, credit.Status);
            changed = provider with { Reputation = provider.Reputation.DisputeRejected(), UpdatedAt = now };
        }

        Put(overlay, provider, changed);
        overlay.PutDispute(dispute with { Outcome = outcome, ResolvedBy = resolver, ResolvedAt = now, ResolvedHeight = overlay.Height, Slashed = slashed });
    }

    /// <summary>
    /// Moves an active provider whose reputation fell below the threshold (with enough evidence) to suspended, and one whose
    /// stake fell below the minimum to slashed; neither moves back on its own.
    /// </summary>
    public static Provider Judge(Provider provider, EnergyParameters parameters)
    {
        if (provider.Status is not (ProviderStatus.Active or ProviderStatus.Suspended))
        {
            return provider;
        }

        if (provider.Stake < parameters.MinStake)
        {
            return provider with { Status = ProviderStatus.Slashed };
        }

        return provider.Status == ProviderStatus.Active
            && provider.Reputation.CompositePpm < parameters.SuspendBelowPpm
            && provider.Reputation.Evidence >= parameters.SuspendMinEvidence
                ? provider with { Status = ProviderStatus.Suspended }
                : provider;
    }

    /// <summary>An exiting provider with no open credits left gets its stake back and is unregistered.</summary>
    public static Provider ReleaseIfDone(StateOverlay overlay, Provider provider, string reference)
    {
        if (provider.Status != ProviderStatus.Inactive || provider.OpenCredits > 0)
        {
            return provider;
        }

        overlay.ReleaseStake(provider.Owner, provider.Stake, reference);
        return provider with { Stake = 0, Status = ProviderStatus.Unregistered };
    }

    /// <summary>Stores a provider, announcing it only when its status moved (registrations and updates announce themselves).</summary>
    internal static void Put(StateOverlay overlay, Provider before, Provider after) => overlay.PutProvider(after, announce: before.Status != after.Status);

    /// <summary>
    /// What a refused reading does to its provider's reputation. Only failures the provider's own signed reading causes count:
    /// a forged signature says nothing about the provider, and a replayed nonce is what a second oracle replica produces.
    /// </summary>
    private static Reputation? Scored(Reputation reputation, string reason) => reason switch
    {
        EnergyReasons.TimestampSkew => reputation.Skewed(),
        EnergyReasons.UnknownMeter or EnergyReasons.StaleReading => reputation.BadReading(),
        _ => null,
    };
}
