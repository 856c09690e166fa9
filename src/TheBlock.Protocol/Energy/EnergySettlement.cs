using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// The end-of-block step (spec/energy.md): every pending credit past the dispute window settles from its offtaker's escrow
/// in id order, or waits while the escrow cannot cover it and expires after the expiry window. One provider's unfunded
/// credit never holds up another's. Each credit's settled record (its energy receipt) carries its payment and fee; the
/// ledger moves each offtaker's, owner's and the treasury's total for the block once, and each provider is written once
/// (<see cref="ProviderTally"/>).
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
        var reference = $"energy-settlement-{height}";
        var tallies = new Dictionary<string, ProviderTally>(StringComparer.Ordinal);
        var escrows = new Dictionary<Address, (ulong Held, ulong Paid)>();
        var owners = new Dictionary<Address, ulong>();
        var fees = 0UL;
        var counters = overlay.EnergyCounters;
        var nextReceipt = counters.NextReceiptId;
        foreach (var credit in due)
        {
            if (credit.Status != CreditStatus.Pending)
            {
                continue;
            }

            if (!tallies.TryGetValue(credit.ProviderId, out var tally))
            {
                tally = new ProviderTally(overlay.GetProvider(credit.ProviderId)!);
                tallies[credit.ProviderId] = tally;
            }

            var offtaker = tally.Before.Offtaker;
            if (!escrows.TryGetValue(offtaker, out var escrow))
            {
                escrow = (overlay.EscrowOf(offtaker), 0);
            }

            if (credit.PaymentDue is { } payment && escrow.Held - escrow.Paid >= payment)
            {
                var fee = (ulong)((UInt128)payment * parameters.FeeBps / EnergyParameters.BasisPoints);
                escrows[offtaker] = (escrow.Held, escrow.Paid + payment);
                owners[tally.Before.Owner] = owners.GetValueOrDefault(tally.Before.Owner) + (payment - fee);
                fees += fee;
                var settled = credit with
                {
                    Status = CreditStatus.Settled,
                    SettledAt = now,
                    SettledHeight = height,
                    ReceiptId = nextReceipt++,
                    Payment = payment,
                    Fee = fee,
                    ClosedAt = now,
                };
                overlay.PutCredit(settled, credit.Status);
                overlay.Emit(new EnergyReceiptEmitted(settled, offtaker));
                tally.Settled(credit.AmountKwh);
            }
            else if (height >= credit.CreatedHeight + parameters.DisputeWindowBlocks + parameters.ExpiryBlocks)
            {
                overlay.PutCredit(credit with { Status = CreditStatus.Expired, ClosedAt = now }, credit.Status);
                tally.Expired(parameters);
            }
        }

        // Money moves once per account per block; each credit's own payment and fee are on its settled record (its receipt).
        foreach (var (offtaker, (_, paid)) in escrows.Where(pair => pair.Value.Paid > 0).OrderBy(pair => pair.Key))
        {
            overlay.PaySettlements(offtaker, paid, reference);
        }

        overlay.CollectSettlementFees(fees, reference);
        foreach (var (owner, received) in owners.OrderBy(pair => pair.Key))
        {
            overlay.PayProviderOwner(owner, received, reference);
        }

        if (nextReceipt != counters.NextReceiptId)
        {
            overlay.PutEnergyCounters(counters with { NextReceiptId = nextReceipt });
        }

        foreach (var tally in tallies.Values.Where(t => t.Changed))
        {
            EnergyRules.Put(overlay, tally.Before, EnergyRules.ReleaseIfDone(overlay, tally.After(now), reference));
        }
    }
}
