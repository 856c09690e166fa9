namespace TheBlock.Server.Receipts;

/// <summary>
/// The lines of <c>receipts.log</c> (category <c>receipts</c>) the runbook greps by market: one per block and market
/// with its count, and one per refused receipt with the market, reason and where it was refused.
/// </summary>
public static partial class ReceiptsLog
{
    public const string Category = "receipts";

    [LoggerMessage(Level = LogLevel.Information, Message = "ReceiptsEmitted market={Market} count={Count} height={Height}")]
    public static partial void ReceiptsEmitted(ILogger log, string market, ulong count, ulong height);

    /// <param name="emitterId">the emitter that forwarded the receipt, or "-" for a refusal in a block.</param>
    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptRejected market={Market} reason={Reason} stage={Stage} receipt_id={ReceiptId} provider_id={ProviderId} emitter_id={EmitterId} detail={Detail}")]
    public static partial void ReceiptRejected(ILogger log, string market, string reason, string stage, string receiptId, string providerId, string emitterId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "ValidationStateReset emitter_id={EmitterId} status={Status}")]
    public static partial void ValidationStateReset(ILogger log, string emitterId, string status);

    /// <summary>Written when an operator (a <c>market-flatline</c> drill) switches the devnet's simulated receipts off or on.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptsTrafficSwitched active={Active}")]
    public static partial void TrafficSwitched(ILogger log, string active);

    /// <summary>Written when an operator (a <c>receipt-validation-errors</c> drill) has the simulated providers add badly signed receipts, or stop.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptsBadSignaturesSwitched active={Active}")]
    public static partial void BadSignaturesSwitched(ILogger log, string active);
}
