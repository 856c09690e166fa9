namespace TheBlock.Protocol.Treasury;

/// <summary>
/// Why a governance or treasury transaction, or a proposal field, is refused; defined once, shown as the RPC
/// error's <c>reason</c>, in <c>gov disburse preview</c>'s problem list and in <c>tx status</c>.
/// </summary>
public static class TreasuryReasons
{
    public const string InvalidTitle = "invalid_title";
    public const string InvalidSummary = "invalid_summary";
    public const string InvalidDestination = "invalid_destination";
    public const string InvalidAmount = "invalid_amount";
    public const string MemoTooLarge = "memo_too_large";
    public const string InvalidExpectedReceipts = "invalid_expected_receipts";
    public const string InvalidScheduledEpoch = "invalid_scheduled_epoch";
    public const string TooManyDeps = "too_many_deps";
    public const string DuplicateDependency = "duplicate_dependency";
    public const string UnknownDependency = "unknown_dependency";
    public const string SelfDependency = "self_dependency";
    public const string InvalidWindow = "invalid_window";
    public const string InvalidField = "invalid_field";

    public const string NotACouncilMember = "not_a_council_member";
    public const string DisbursementNotFound = "disbursement_not_found";
    public const string VotingClosed = "voting_closed";
    public const string AlreadyVoted = "already_voted";
    public const string InvalidChoice = "invalid_choice";
    public const string AlreadyFinal = "already_final";
    public const string InvalidReason = "invalid_reason";
    public const string NotAuthorized = "not_authorized";
    public const string RollbackAlreadyRequested = "rollback_already_requested";
    public const string NotAnExecutor = "not_an_executor";
    public const string InvalidLease = "invalid_lease";
    public const string LeaseHeldElsewhere = "lease_held_elsewhere";
    public const string NotLeaseHolder = "not_lease_holder";
    public const string NotQueued = "not_queued";
    public const string DependenciesUnmet = "dependencies_unmet";
    public const string InsufficientFunds = "insufficient_funds";

    public static IReadOnlyList<string> All { get; } =
    [
        InvalidTitle, InvalidSummary, InvalidDestination, InvalidAmount, MemoTooLarge, InvalidExpectedReceipts, InvalidScheduledEpoch,
        TooManyDeps, DuplicateDependency, UnknownDependency, SelfDependency, InvalidWindow, InvalidField,
        NotACouncilMember, DisbursementNotFound, VotingClosed, AlreadyVoted, InvalidChoice, AlreadyFinal, InvalidReason,
        NotAuthorized, RollbackAlreadyRequested, NotAnExecutor, InvalidLease, LeaseHeldElsewhere, NotLeaseHolder, NotQueued, DependenciesUnmet, InsufficientFunds,
    ];
}
