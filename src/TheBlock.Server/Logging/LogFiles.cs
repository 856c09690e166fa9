namespace TheBlock.Server.Logging;

/// <summary>File names of each role's logs (spec/observability.md); the runbook greps these.</summary>
public static class LogFiles
{
    public const string Node = "node.log";
    public const string Receipts = "receipts.log";
    public const string Oracle = "oracle.log";
    public const string ReceiptEmitter = "receipt-emitter.log";
}
