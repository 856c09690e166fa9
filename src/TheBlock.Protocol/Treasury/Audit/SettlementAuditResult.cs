using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>
/// The settlement audit of <see cref="Range"/> (spec/treasury.md, "Settlement audit"). Per treasury sub-ledger
/// <c>initial + accruals − executed + rolled_back_from_escrow = final</c>; for escrow (both sub-ledgers)
/// <c>initial + executed − finalized − rolled_back = final</c>. <see cref="Conserved"/> when every equation holds and
/// the journal agrees with every disbursement record; otherwise <see cref="Discrepancies"/> says where it does not.
/// </summary>
public sealed record SettlementAuditResult(
    AuditRange Range,
    SubLedgerTerms Ct,
    SubLedgerTerms It,
    EscrowTerms Escrow,
    bool Conserved,
    IReadOnlyList<BalanceDiscrepancy> Discrepancies);

/// <summary>
/// One treasury sub-ledger: <see cref="ExpectedFinal"/> is what the terms add up to, <see cref="Final"/> the balance
/// actually held (the stored state when the range ends at the head, else the journal through the range's last block).
/// </summary>
public sealed record SubLedgerTerms(ulong Initial, ulong Accruals, ulong Executed, ulong RolledBackFromEscrow, ulong ExpectedFinal, ulong Final);

/// <summary>The treasury escrow, both sub-ledgers together: paid in by execution, out by finalization or rollback.</summary>
public sealed record EscrowTerms(ulong Initial, ulong Executed, ulong Finalized, ulong RolledBack, ulong ExpectedFinal, ulong Final);

/// <summary>
/// One balance that does not add up. <see cref="Account"/> is <see cref="SystemAccounts.Treasury"/> (with its
/// <see cref="SubLedger"/>) or <see cref="SystemAccounts.TreasuryEscrow"/> (no sub-ledger); <see cref="Difference"/>
/// is actual − expected; <see cref="DisbursementIds"/> are those whose journal entries disagree with their records or,
/// when none do, those that moved the balance in the range.
/// </summary>
public sealed record BalanceDiscrepancy(
    string Account,
    SubLedger? SubLedger,
    ulong Expected,
    ulong Actual,
    long Difference,
    double Percent,
    IReadOnlyList<ulong> DisbursementIds);

/// <summary>The balances the stored state holds at the head (chain_values): the final figures of a range ending there.</summary>
public readonly record struct StoredBalances(TreasuryBalances Treasury, TreasuryBalances Escrow);
