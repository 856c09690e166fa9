using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Treasury;

/// <summary>
/// The executor's <c>last_error</c> codes (spec/treasury.md), exactly these so the runbook's <c>case</c> statement
/// matches; also the <c>reason</c> label of <c>treasury_execution_errors_total</c> and of <c>DisbursementError</c> logs.
/// </summary>
public static class ExecutorReasons
{
    public const string InsufficientFunds = "insufficient_funds";
    public const string LedgerUnavailable = "ledger_unavailable";
    public const string ConsensusTimeout = "consensus_timeout";
    public const string DependencyCycleDetected = "dependency_cycle_detected";
    public const string LeaseHeldElsewhere = "lease_held_elsewhere";
    public const string InvalidTarget = "invalid_target";

    public static IReadOnlyList<string> All { get; } =
        [InsufficientFunds, LedgerUnavailable, ConsensusTimeout, DependencyCycleDetected, LeaseHeldElsewhere, InvalidTarget];

    /// <summary>
    /// The code for the chain's refusal of one of the executor's transactions, so the runbook branches on what went
    /// wrong (docs/TREASURY.md, "Executor reasons"); null when the refusal only says the chain moved on since the tick
    /// read it (the disbursement was paid or rolled back meanwhile, a dependency rolled back): not a failure.
    /// Any other refusal means the node could not apply its own transaction to its own state: <c>ledger_unavailable</c>.
    /// </summary>
    public static string? ForRefusal(Rejection rejection) => rejection.Reason switch
    {
        TreasuryReasons.NotQueued or TreasuryReasons.DependenciesUnmet => null,
        TreasuryReasons.InsufficientFunds => InsufficientFunds,
        TreasuryReasons.LeaseHeldElsewhere or TreasuryReasons.NotLeaseHolder => LeaseHeldElsewhere,
        TreasuryReasons.InvalidDestination => InvalidTarget,
        RejectionReasons.MempoolFull => ConsensusTimeout,
        _ => LedgerUnavailable,
    };
}
