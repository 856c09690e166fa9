namespace TheBlock.Storage;

/// <summary>A ledger entry as stored: kind and sub-ledger by their snake_case names.</summary>
public sealed record StoredLedgerEntry(long Id, ulong Height, string Account, long Delta, string Kind, string? Reference, string? SubLedger);
