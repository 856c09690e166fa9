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

/// <summary>Result of <c>tx.status</c>: pending, committed, rejected or unknown.</summary>
public sealed record TransactionStatus(
    string TxHash,
    string Status,
    ulong? BlockHeight,
    int? Index,
    long? CommittedAt,
    string? Reason,
    string? Message,
    TransactionView? Transaction);

public static class TransactionStatuses
{
    public const string Pending = "pending";
    public const string Committed = "committed";
    public const string Rejected = "rejected";
    public const string Unknown = "unknown";
}
