using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Modules;
using TheBlock.Storage;

namespace TheBlock.Server.Energy;

/// <summary>
/// What is open in the market — pending credits, their kWh, open disputes — kept from each committed block's events and
/// started from the stored tables, so <c>energy.market</c> and the gauges never count a million rows to answer.
/// </summary>
public sealed class EnergyMarketTotals
{
    private readonly Lock _lock = new();
    private EnergyOpenTotals _totals = new(0, 0, 0);

    public EnergyOpenTotals Current
    {
        get
        {
            lock (_lock)
            {
                return _totals;
            }
        }
    }

    public void Reset(EnergyOpenTotals totals)
    {
        lock (_lock)
        {
            _totals = totals;
        }
    }

    public void Apply(IEnumerable<EmittedEvent> events)
    {
        lock (_lock)
        {
            var (pending, kwh, disputes) = (_totals.PendingCredits, _totals.PendingKwh, _totals.ActiveDisputes);
            foreach (var emitted in events)
            {
                switch (emitted.Event)
                {
                    case EnergyCreditChanged { Credit: var credit, From: var from } when from != credit.Status:
                        if (from == CreditStatus.Pending)
                        {
                            pending--;
                            kwh = Subtract(kwh, credit.AmountKwh);
                        }

                        if (credit.Status == CreditStatus.Pending)
                        {
                            pending++;
                            kwh = Add(kwh, credit.AmountKwh);
                        }

                        break;
                    case EnergyDisputeChanged { Dispute: var dispute }:
                        disputes = dispute.IsOpen ? disputes + 1 : disputes - 1;
                        break;
                }
            }

            _totals = new EnergyOpenTotals(pending, kwh, disputes);
        }
    }

    // The stored total saturates at 2^64 − 1, as these do; only an absurd market reaches it.
    private static ulong Add(ulong total, ulong amount) => total > ulong.MaxValue - amount ? ulong.MaxValue : total + amount;

    private static ulong Subtract(ulong total, ulong amount) => total >= amount ? total - amount : 0;
}
