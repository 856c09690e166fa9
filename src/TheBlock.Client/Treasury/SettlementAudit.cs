namespace TheBlock.Client.Treasury;

/// <summary>
/// Result of <c>audit.settlement</c>: conservation of the treasury over an epoch range (spec/treasury.md,
/// "Settlement audit"). For each sub-ledger <c>initial + accruals − executed + rolled_back_from_escrow = final</c>;
/// for escrow <c>initial + executed − finalized − rolled_back = final</c>. Every amount is in CT.
/// </summary>
public sealed record SettlementAudit(
    ulong FromEpoch,
    ulong ToEpoch,
    ulong FromHeight,
    ulong ToHeight,
    SubLedgerAudit Ct,
    SubLedgerAudit It,
    EscrowAudit Escrow,
    bool Conserved,
    IReadOnlyList<AuditDiscrepancy> Discrepancies);

/// <summary>One treasury sub-ledger's terms; <see cref="ExpectedFinal"/> is what the terms add up to.</summary>
public sealed record SubLedgerAudit(
    ulong Initial,
    ulong Accruals,
    ulong Executed,
    ulong RolledBackFromEscrow,
    ulong ExpectedFinal,
    ulong Final);

/// <summary>The treasury escrow's terms: paid in by execution, released by finalization or returned by rollback.</summary>
public sealed record EscrowAudit(
    ulong Initial,
    ulong Executed,
    ulong Finalized,
    ulong RolledBack,
    ulong ExpectedFinal,
    ulong Final);

/// <summary>
/// One balance that does not match: <see cref="Account"/> is <c>treasury</c> (with <see cref="SubLedger"/> ct or it)
/// or <c>treasury_escrow</c> (no sub-ledger). <see cref="Difference"/> is actual − expected and
/// <see cref="Percent"/> its size relative to expected; <see cref="DisbursementIds"/> are the disbursements that
/// moved that balance in the range, where to start looking.
/// </summary>
public sealed record AuditDiscrepancy(
    string Account,
    string? SubLedger,
    ulong Expected,
    ulong Actual,
    long Difference,
    double Percent,
    IReadOnlyList<ulong> DisbursementIds);
