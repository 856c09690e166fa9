using System.Text.Json;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Modules;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>An energy event in <c>tx.status</c> shows its record as the energy methods show it: a provider as <c>energy.market</c>, a credit as <c>energy.credits.list</c>.</summary>
internal sealed class EnergyEventViews : IEventViewSource
{
    public JsonElement? View(ChainEvent chainEvent) => chainEvent switch
    {
        EnergyProviderChanged changed => JsonSerializer.SerializeToElement(EnergyViews.ToMarketView(changed.Provider), EnergyJsonContext.Default.MarketProviderView),
        EnergyReadingAccepted accepted => JsonSerializer.SerializeToElement(
            new ReadingAcceptedView(accepted.ProviderId, accepted.Meter, accepted.Nonce, accepted.TotalKwh, accepted.CreditId), EnergyJsonContext.Default.ReadingAcceptedView),
        EnergyReadingRejected rejected => JsonSerializer.SerializeToElement(
            new ReadingRejectedView(rejected.ProviderId, rejected.Meter, rejected.Nonce, rejected.Reason), EnergyJsonContext.Default.ReadingRejectedView),
        EnergyCreditChanged credit => JsonSerializer.SerializeToElement(EnergyViews.ToView(credit.Credit), EnergyJsonContext.Default.CreditView),
        EnergyDisputeChanged dispute => JsonSerializer.SerializeToElement(EnergyViews.ToView(dispute.Dispute), EnergyJsonContext.Default.DisputeView),
        EnergyEscrowChanged escrow => JsonSerializer.SerializeToElement(new OfftakerEscrowView(escrow.Offtaker.ToString(), escrow.Balance), EnergyJsonContext.Default.OfftakerEscrowView),
        _ => null,
    };
}
