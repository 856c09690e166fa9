using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;

namespace TheBlock.Server.Receipts;

/// <summary>
/// Restores <c>receipt_emitted_total</c> from the index at start, then counts and logs each committed block's receipts
/// per market, and the receipts its batches refused per reason.
/// </summary>
internal sealed class ReceiptsStartup(ReceiptsMetrics metrics, ReceiptAdmission admission, ILoggerFactory loggers) : IModuleStartup
{
    private readonly ILogger _log = loggers.CreateLogger(ReceiptsLog.Category);

    public void Start(ChainService chain)
    {
        var head = chain.Head.Height;
        var stored = chain.ReadStore(reader => reader.ReadReceiptTotals(head, 0, 0));
        metrics.Restore(chain.Modules.ReceiptMarkets, stored.ToDictionary(totals => totals.Market, totals => totals.EmittedTotal, StringComparer.Ordinal));
        chain.BlockCommitted += block =>
        {
            admission.OnBlockCommitted(block);
            OnBlockCommitted(block.Effects);
        };
    }

    private void OnBlockCommitted(BlockEffects effects)
    {
        var height = effects.Block.Height;
        var counts = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (receipt, _) in BlockReceipts.Of(effects.Block, effects.Events))
        {
            counts[receipt.Market] = counts.GetValueOrDefault(receipt.Market) + 1;
        }

        foreach (var (market, count) in counts)
        {
            metrics.CountEmitted(market, count);
            ReceiptsLog.ReceiptsEmitted(_log, market, count, height);
        }

        foreach (var emitted in effects.Events)
        {
            if (emitted is not { Event: MarketReceiptsIncluded included, TransactionIndex: { } index }
                || effects.Block.Transactions[index].Payload is not ReceiptBatchPayload batch)
            {
                continue;
            }

            for (var i = 0; i < included.Outcomes.Count && i < batch.Receipts.Count; i++)
            {
                if (included.Outcomes[i].Reason is { } reason)
                {
                    var receipt = batch.Receipts[i];
                    metrics.CountRefusal(receipt.MarketName, reason);
                    ReceiptsLog.ReceiptRejected(_log, receipt.MarketName, reason, "block", receipt.ReceiptId.ToString(), receipt.ProviderId, "-", $"refused in block {height}");
                }
            }
        }
    }
}
