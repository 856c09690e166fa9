namespace TheBlock.Storage;

/// <summary>
/// A ledger entry as stored: <see cref="Sequence"/> is its position among the entries of its block; kind and
/// sub-ledger are their snake_case names.
/// </summary>
public sealed record StoredLedgerEntry(ulong Height, int Sequence, string Account, long Delta, string Kind, string? Reference, string? SubLedger);
