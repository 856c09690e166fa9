namespace TheBlock.Client.Receipts.Emitter;

/// <summary>
/// Params of <c>receipts.batch.submit</c>: who forwards (an emitter id, for logs) and the receipts, each the base64 of
/// its canonical wire bytes (<c>MarketReceipt.Write</c>), which the node reads and checks again like a block would.
/// </summary>
public sealed record ReceiptBatchParams(string EmitterId, IReadOnlyList<string> Receipts);

/// <summary>The node's answer per receipt, in the order sent, as of head <see cref="Height"/>.</summary>
public sealed record ReceiptBatchResult(ulong Height, IReadOnlyList<ReceiptVerdict> Results);

/// <summary>
/// <c>admitted</c>: the receipt is in a batch transaction in the node's mempool (<see cref="TxHash"/>; asking again
/// answers the same); <c>included</c>: a committed block already holds this very receipt (<see cref="BlockHeight"/>), so
/// a resubmission after a crash is recognised rather than refused; <c>rejected</c>: it failed the check named by
/// <see cref="Reason"/>.
/// </summary>
public sealed record ReceiptVerdict(string ReceiptId, string Status, string? TxHash, ulong? BlockHeight, string? Reason, string? Message)
{
    public const string Admitted = "admitted";
    public const string Included = "included";
    public const string Rejected = "rejected";
}
