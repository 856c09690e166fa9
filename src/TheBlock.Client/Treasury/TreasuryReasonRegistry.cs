using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Treasury;

/// <summary>
/// Every reason code of the treasury module, defined once: the chain's refusals of <see cref="TreasuryReasons"/>
/// (defined beside their rules in the protocol), the executor's <c>last_error</c> codes, the node's own answers to
/// treasury methods and the ones contract-cli reports before sending anything. The same word is the RPC error's
/// <c>data.reason</c>, the metric label, the log field and the CLI error's reason; docs/TREASURY.md ("Errors and
/// reason codes") lists exactly <see cref="All"/>, which a test checks.
/// </summary>
public static class TreasuryReasonRegistry
{
    /// <summary>The executor's <c>last_error</c> codes (spec/treasury.md), exactly these so the runbook's <c>case</c> statement matches.</summary>
    public static class Executor
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

    /// <summary><c>audit.settlement</c> over more epochs than <c>Node:AuditMaxEpochs</c>.</summary>
    public const string RangeTooLarge = "range_too_large";

    /// <summary><c>debug.fault.set</c> on a node started without fault injection.</summary>
    public const string FaultInjectionDisabled = "fault_injection_disabled";

    /// <summary>The reasons contract-cli reports itself for the <c>gov</c> and <c>audit</c> commands (exit 2, or 1 for a failed audit).</summary>
    public static class Cli
    {
        public const string InvalidStatus = "invalid_status";
        public const string InvalidLimit = "invalid_limit";
        public const string InvalidRange = "invalid_range";
        public const string InvalidJson = "invalid_json";
        public const string FileUnreadable = "file_unreadable";

        /// <summary>The settlement audit found a balance that does not add up: exit 1, the audit is still printed.</summary>
        public const string ConservationViolated = "conservation_violated";

        public static IReadOnlyList<string> All { get; } = [InvalidStatus, InvalidLimit, InvalidRange, InvalidJson, FileUnreadable, ConservationViolated];
    }

    public static IReadOnlyList<string> All { get; } =
        [.. TreasuryReasons.All.Union(Executor.All).Append(RangeTooLarge).Append(FaultInjectionDisabled).Union(Cli.All)];
}
