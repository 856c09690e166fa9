using TheBlock.Protocol.Receipts;

namespace TheBlock.Client.Receipts;

/// <summary>
/// Every reason the receipts module answers with, defined once: the receipt checks' (<see cref="ReceiptReasons.Validation"/>,
/// in check order) answer a submitter, label <c>receipt_validation_errors_total</c>, fill log fields and
/// <c>receipts.validate</c>'s findings; the transaction reasons answer a refused market transaction; the query reasons
/// answer the node's receipts methods; the CLI's own (<see cref="ReceiptsCliReasons"/>) refuse input before it is sent.
/// docs/RECEIPTS.md's error tables list exactly these (a test checks).
/// </summary>
public static class ReceiptsReasonRegistry
{
    /// <summary><c>receipts.show</c>: no committed block holds a receipt with that id.</summary>
    public const string ReceiptNotFound = "receipt_not_found";

    /// <summary><c>debug.receipts.traffic.set</c> on a node that is neither a devnet nor allows fault injection.</summary>
    public const string TrafficSwitchDisabled = "traffic_switch_disabled";

    public static IReadOnlyList<string> Query { get; } = [ReceiptNotFound, TrafficSwitchDisabled];

    public static IReadOnlyList<string> All { get; } = [.. ReceiptReasons.Validation, .. ReceiptReasons.Transaction, .. Query, .. ReceiptsCliReasons.All];
}
