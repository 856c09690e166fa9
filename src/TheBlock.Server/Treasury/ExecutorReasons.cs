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
}
