namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The <c>receipt-emitter.log</c> line for a refused receipt (spec/observability.md, "Logs"): it names the reason, the
/// market (the runbook greps per market) and where it was refused (<c>emitter</c> at ingestion, <c>node</c> when forwarded).
/// </summary>
public static partial class ReceiptRejectionLog
{
    /// <summary>The log category, the <c>target</c> of the emitter's lines.</summary>
    public const string Category = "receipt_emitter";

    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptRejected reason={Reason} stage={Stage} market={Market} provider_id={Provider} nonce={Nonce} receipt_id={ReceiptId} detail={Detail}")]
    public static partial void Rejected(ILogger log, string reason, string stage, string market, string provider, string nonce, string receiptId, string detail);
}
