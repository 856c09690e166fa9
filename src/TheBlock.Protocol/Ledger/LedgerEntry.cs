namespace TheBlock.Protocol.Ledger;

/// <summary>
/// One balance change, kept so every movement of CT can be explained and audited.
/// <see cref="Reference"/> names what caused it (a transaction hash, later a disbursement id), null for rewards.
/// </summary>
public readonly record struct LedgerEntry(
    ulong Height,
    LedgerAccount Account,
    long Delta,
    LedgerEntryKind Kind,
    string? Reference,
    SubLedger? SubLedger = null);
