using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>A validated receipt on its way into the queue: its id, what it pays from its agreement, and its canonical wire bytes (what the node is sent).</summary>
public sealed record QueuedReceipt(string ReceiptId, MarketReceipt Receipt, ulong Amount, byte[] Wire)
{
    public static QueuedReceipt Of(MarketReceipt receipt, ulong amount)
    {
        var writer = new CanonicalWriter(256);
        receipt.Write(writer);
        return new QueuedReceipt(receipt.ReceiptId.ToString(), receipt, amount, writer.ToArray());
    }
}

/// <summary>A queue row as the forwarder and the inclusion tracker see it.</summary>
public sealed record QueueRow(long Seq, string ReceiptId, byte MarketCode, string ProviderId, ulong Nonce, ulong AgreementId, ulong Amount, byte[] Wire)
{
    public string MarketName => ServiceMarkets.IsDefined(MarketCode) ? ServiceMarkets.Name((ServiceMarket)MarketCode) : $"market_{MarketCode}";
}

/// <summary>One receipt of the duplicate-detection window, as persisted.</summary>
public sealed record SeenReceipt(string ReceiptId, byte Market, string ProviderId, ulong Nonce);
