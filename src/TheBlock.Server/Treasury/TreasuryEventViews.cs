using System.Text.Json;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>A treasury event in <c>tx.status</c> shows the disbursement as it became, exactly as <c>gov.treasury.show</c> does.</summary>
internal sealed class TreasuryEventViews : IEventViewSource
{
    public JsonElement? View(ChainEvent chainEvent) => chainEvent switch
    {
        DisbursementCreated created => Show(created.Disbursement),
        DisbursementChanged changed => Show(changed.Disbursement),
        _ => null,
    };

    private static JsonElement Show(Disbursement disbursement) =>
        JsonSerializer.SerializeToElement(DisbursementViews.ToView(disbursement), TreasuryJsonContext.Default.DisbursementView);
}
