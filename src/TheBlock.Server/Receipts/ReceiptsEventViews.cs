using System.Text.Json;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;

namespace TheBlock.Server.Receipts;

/// <summary>
/// A receipts event in <c>tx.status</c> shows its record as the receipts methods show it: a provider as
/// <c>market.providers.list</c>, an agreement as <c>market.agreement.show</c>, a batch as each receipt's outcome.
/// </summary>
internal sealed class ReceiptsEventViews : IEventViewSource
{
    public JsonElement? View(ChainEvent chainEvent) => chainEvent switch
    {
        MarketProviderRegistered registered => JsonSerializer.SerializeToElement(ReceiptViews.ToView(registered.Provider), ReceiptsJsonContext.Default.MarketProviderView),
        AgreementChanged changed => JsonSerializer.SerializeToElement(ReceiptViews.ToView(changed.Agreement), ReceiptsJsonContext.Default.AgreementView),
        MarketReceiptsIncluded batch => JsonSerializer.SerializeToElement(ToView(batch), ReceiptsJsonContext.Default.ReceiptBatchView),
        _ => null,
    };

    private static ReceiptBatchView ToView(MarketReceiptsIncluded batch)
    {
        var outcomes = batch.Outcomes
            .Select((outcome, position) => outcome.IsPaid
                ? new ReceiptOutcomeView(position, ReceiptOutcomeView.PaidStatus, outcome.Amount, outcome.Fee, null)
                : new ReceiptOutcomeView(position, ReceiptOutcomeView.RefusedStatus, null, null, outcome.Reason))
            .ToList();
        var paid = (ulong)batch.PaidCount;
        return new ReceiptBatchView(paid, (ulong)outcomes.Count - paid, outcomes);
    }
}
