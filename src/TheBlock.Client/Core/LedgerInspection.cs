namespace TheBlock.Client.Core;

/// <summary>Result of <c>node.ledger.inspect</c>: an account's balance, nonce and newest ledger entries.</summary>
public sealed record LedgerInspection(
    string Account,
    ulong Balance,
    ulong Nonce,
    ulong NextNonce,
    EscrowView? Escrow,
    SubLedgersView? SubLedgers,
    IReadOnlyList<LedgerEntryView> RecentEntries);

/// <summary>Funds an account holds in escrow; null while the account has none.</summary>
public sealed record EscrowView(ulong Amount);

/// <summary>The treasury's sub-ledgers (null for other accounts).</summary>
public sealed record SubLedgersView(ulong Ct, ulong It);

public sealed record LedgerEntryView(ulong Height, long Delta, string Kind, string? Reference, string? SubLedger);
