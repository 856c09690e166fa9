using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Chain;

/// <summary>The service receipts a block's events record, in block order, each with the transaction that caused it (null for the end-of-block step).</summary>
public static class BlockReceipts
{
    public static IEnumerable<(ServiceReceipt Receipt, int? TransactionIndex)> Of(Block block, IReadOnlyList<EmittedEvent> events)
    {
        foreach (var emitted in events)
        {
            if (emitted.Event is not IReceiptEvent receipts)
            {
                continue;
            }

            var cause = emitted.TransactionIndex is { } index ? block.Transactions[index] : null;
            foreach (var receipt in receipts.ReceiptsOf(cause))
            {
                yield return (receipt, emitted.TransactionIndex);
            }
        }
    }
}
