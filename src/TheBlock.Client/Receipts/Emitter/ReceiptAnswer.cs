namespace TheBlock.Client.Receipts.Emitter;

/// <summary>
/// The receipt-emitter's answer to one posted receipt: <c>accepted</c> (durably queued: it reaches a block even if the
/// emitter is killed now), <c>rejected</c> with the failed check's reason (spec/receipts.md), or <c>busy</c> /
/// <c>unavailable</c> (not taken: send it again later). <see cref="ReceiptId"/> is null only when the receipt could not be read.
/// </summary>
public sealed record ReceiptAnswer(string Status, string? ReceiptId, string? Reason, string? Message)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Busy = "busy";
    public const string Unavailable = "unavailable";
}

/// <summary>The answer to an array of receipts, one per receipt in order.</summary>
public sealed record ReceiptAnswers(IReadOnlyList<ReceiptAnswer> Results);

/// <summary>
/// <c>GET /receipts/{receipt_id}</c>: <c>queued</c> (waiting for the node), <c>submitted</c> (in a batch transaction in
/// the node's mempool, <see cref="TxHash"/>), <c>included</c> (a committed block holds it, <see cref="Height"/>),
/// <c>rejected</c> (the node refused it, with the reason) or <c>unknown</c> to this emitter.
/// </summary>
public sealed record ReceiptTracking(
    string ReceiptId,
    string Status,
    string? Market,
    string? ProviderId,
    ulong? Nonce,
    string? TxHash,
    ulong? Height,
    string? Reason,
    string? Message)
{
    public const string Queued = "queued";
    public const string Submitted = "submitted";
    public const string Included = "included";
    public const string Rejected = "rejected";
    public const string Unknown = "unknown";
}

/// <summary><c>GET /health</c> of a receipt-emitter: <c>ok</c> once it has synced from the node, else <c>starting</c>.</summary>
public sealed record EmitterHealth(
    string EmitterId, string Status, ulong? LastSyncHeight, int Providers, int Agreements, long Pending, long QueueCapacity);
