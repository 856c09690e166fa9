using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// Signed receipts a receipt-emitter forwarded through the node. Any account may carry them (it pays the fee): each is
/// checked again against its provider's key and agreement, so a carrier cannot make anyone pay.
/// </summary>
public sealed record ReceiptBatchPayload(IReadOnlyList<MarketReceipt> Receipts) : TransactionPayload
{
    public override TransactionKind Kind => ReceiptsKinds.ReceiptBatch;

    public override void Write(CanonicalWriter writer)
    {
        writer.U64((ulong)Receipts.Count);
        foreach (var receipt in Receipts)
        {
            receipt.Write(writer);
        }
    }

    public override Rejection? CheckStateless() =>
        Receipts.Count is 0 or > ReceiptsLimits.MaxBatchReceipts
            ? new Rejection(ReceiptReasons.InvalidReceiptBatch, $"a receipt batch holds 1 to {ReceiptsLimits.MaxBatchReceipts} receipts, not {Receipts.Count}")
            : null;

    public static ReceiptBatchPayload Read(ref CanonicalReader reader)
    {
        var count = reader.U64("receipt_count");
        if (count > ReceiptsLimits.MaxBatchReceipts)
        {
            throw new FormatException($"a receipt batch holds at most {ReceiptsLimits.MaxBatchReceipts} receipts, not {count}");
        }

        var receipts = new List<MarketReceipt>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            receipts.Add(MarketReceipt.Read(ref reader));
        }

        return new ReceiptBatchPayload(receipts);
    }
}
