namespace TheBlock.Client.Energy.Oracle;

/// <summary>
/// The oracle's answer to one posted reading: <c>accepted</c> with a tracking id (the node has it: it becomes a credit
/// unless the chain refuses it), <c>rejected</c> with the reason of the failed check, or <c>busy</c> / <c>unavailable</c>
/// (not taken: send it again later).
/// </summary>
public sealed record ReadingAnswer(string Status, string? TrackingId, string? Reason, string? Message)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Busy = "busy";
    public const string Unavailable = "unavailable";
}

/// <summary>The answer to an array of readings, one per reading in order.</summary>
public sealed record ReadingAnswers(IReadOnlyList<ReadingAnswer> Results);

/// <summary>
/// <c>GET /readings/{tracking_id}</c>: <c>pending</c> (admitted, not yet in a committed block), <c>included</c> (with the
/// credit it made, if any, and the height), or <c>rejected</c> (by the chain, with the reason).
/// </summary>
public sealed record TrackingView(
    string TrackingId,
    string Status,
    string ProviderId,
    string Meter,
    ulong Nonce,
    string? TxHash,
    ulong? Height,
    ulong? CreditId,
    string? Reason,
    string? Message)
{
    public const string Pending = "pending";
    public const string Included = "included";
    public const string Rejected = "rejected";
}

/// <summary><c>GET /health</c> of an oracle.</summary>
public sealed record OracleHealth(string OracleId, string Status, ulong KeyCount, ulong? LastSyncHeight, int QueueDepth, int QueueCapacity, int PendingVerifications);
