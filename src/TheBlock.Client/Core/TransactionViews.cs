namespace TheBlock.Client.Core;

/// <summary>A transaction as the node shows it. Fields not used by a kind are null.</summary>
public sealed record TransactionView(
    string Hash,
    string Kind,
    string From,
    ulong Nonce,
    ulong Fee,
    string? To,
    ulong? Amount);

/// <summary>Result of <c>tx.submit</c>.</summary>
public sealed record TransactionSubmitted(string TxHash, string Status);

/// <summary>
/// Result of <c>tx.status</c>: pending, committed, rejected or unknown. A committed transaction carries its result:
/// the events it emitted, in order (empty for a transfer).
/// </summary>
public sealed record TransactionStatus(
    string TxHash,
    string Status,
    ulong? BlockHeight,
    int? Index,
    long? CommittedAt,
    string? Reason,
    string? Message,
    TransactionView? Transaction,
    IReadOnlyList<TransactionEvent>? Events = null);

/// <summary>
/// One event of a committed transaction: its name (e.g. <c>disbursement_created</c>), a sentence, and the module's view
/// of what it changed (for a disbursement, the disbursement as <c>gov treasury show</c> prints it), or null.
/// </summary>
public sealed record TransactionEvent(string Type, string Description, System.Text.Json.JsonElement? Data);

public static class TransactionStatuses
{
    public const string Pending = "pending";
    public const string Committed = "committed";
    public const string Rejected = "rejected";
    public const string Unknown = "unknown";
}
