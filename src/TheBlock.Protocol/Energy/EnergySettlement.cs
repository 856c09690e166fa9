using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// The end-of-block step (spec/energy.md): every pending credit past the dispute window settles from its offtaker's escrow
/// in id order, or waits while the escrow cannot cover it and expires after the expiry window. One provider's unfunded
/// credit never holds up another's. Providers are written once per block, however many of their credits moved.
/// </summary>
public static class EnergySettlement
{
    public static void Apply(StateOverlay overlay)
    {
        var parameters = EnergyParameters.Of(overlay.Genesis);
        var height = overlay.Height;
        var due = overlay.OpenCredits().TakeWhile(credit => credit.CreatedHeight + parameters.DisputeWindowBlocks <= height).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var now = overlay.UnixSeconds;
        var before = new Dictionary<string, Provider>(StringComparer.Ordinal);
        var after = new Dictionary<string, Provider>(StringComparer.Ordinal);
        var counters = overlay.EnergyCounters;
        var nextReceipt = counters.NextReceiptId;
        foreach (var credit in due)
        {
            if (credit.Status != CreditStatus.Pending)
            {
                continue;
            }

            if (!after.TryGetValue(credit.ProviderId, out var provider))
            {
                provider = overlay.GetProvider(credit.ProviderId)!;
                before[credit.ProviderId] = provider;
            }

            var reference = $"energy-credit-{credit.CreditId}";
            if (credit.PaymentDue is { } payment && overlay.EscrowOf(provider.Offtaker) >= payment)
            {
                var fee = (ulong)((UInt128)payment * parameters.FeeBps / EnergyParameters.BasisPoints);
                overlay.PaySettlement(provider.Offtaker, provider.Owner, payment, fee, reference);
                overlay.PutCredit(credit with
                {
                    Status = CreditStatus.Settled,
                    SettledAt = now,
                    SettledHeight = height,
                    ReceiptId = nextReceipt++,
                    Payment = payment,
                    Fee = fee,
                    ClosedAt = now,
                }, credit.Status);
                provider = provider with
                {
                    OpenCredits = provider.OpenCredits - 1,
                    SettledKwh = provider.SettledKwh + credit.AmountKwh,
                    LastSettlement = now,
                    Reputation = provider.Reputation.Settled(),
                };
            }
            else if (height >= credit.CreatedHeight + parameters.DisputeWindowBlocks + parameters.ExpiryBlocks)
            {
                overlay.PutCredit(credit with { Status = CreditStatus.Expired, ClosedAt = now }, credit.Status);
                provider = EnergyRules.Judge(provider with { OpenCredits = provider.OpenCredits - 1, Reputation = provider.Reputation.Expired() }, parameters);
            }
            else
            {
                continue;
            }

            after[credit.ProviderId] = EnergyRules.ReleaseIfDone(overlay, provider, reference);
        }

        if (nextReceipt != counters.NextReceiptId)
        {
            overlay.PutEnergyCounters(counters with { NextReceiptId = nextReceipt });
        }

        foreach (var (id, provider) in after)
        {
            EnergyRules.Put(overlay, before[id], provider with { UpdatedAt = now });
        }
    }
}
