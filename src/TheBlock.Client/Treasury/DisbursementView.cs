namespace TheBlock.Client.Treasury;

/// <summary>
/// A disbursement as <c>gov.treasury.show</c> and <c>gov.treasury.list</c> answer it: the proposal's payload at the
/// top level, its governance under <see cref="Proposal"/> and where it is under <see cref="Status"/>. Times are unix
/// seconds; a step not reached yet is null.
/// </summary>
public sealed record DisbursementView(
    ulong Id,
    string Title,
    string Summary,
    string Destination,
    ulong AmountCt,
    ulong AmountIt,
    string Memo,
    ulong ScheduledEpoch,
    IReadOnlyList<ExpectedReceiptView> ExpectedReceipts,
    string Proposer,
    long CreatedAt,
    long UpdatedAt,
    ulong CreatedHeight,
    string CreatedTx,
    DisbursementProposalView Proposal,
    DisbursementStatusView Status);

public sealed record ExpectedReceiptView(string Account, ulong AmountCt, ulong AmountIt);

/// <summary>
/// The governance of a disbursement: its dependencies (<c>[]</c> when none, so the runbook's <c>!= "[]"</c> test
/// works), the windows it was accepted with and the heights they end at, the vote rules, the votes so far and the
/// council's rollback requests.
/// </summary>
public sealed record DisbursementProposalView(
    IReadOnlyList<ulong> Deps,
    ulong VoteWindowEpochs,
    ulong TimelockEpochs,
    ulong RollbackWindowEpochs,
    uint QuorumPpm,
    uint ThresholdPpm,
    ulong TotalVotingPower,
    ulong? VotingEndsHeight,
    ulong? TimelockEndsHeight,
    ulong? FinalizesAtHeight,
    DisbursementVotesView Votes,
    DisbursementRollbackVotesView RollbackVotes);

/// <summary>The voting power cast each way, and each vote.</summary>
public sealed record DisbursementVotesView(ulong Yes, ulong No, ulong Abstain, IReadOnlyList<CastVoteView> Cast);

/// <summary>One council member's vote; <see cref="Choice"/> is yes, no or abstain.</summary>
public sealed record CastVoteView(string Voter, string Choice, ulong Power);

/// <summary>
/// The council's requests to roll the disbursement back: the voting power they carry, the power at which they roll
/// it back (the threshold of the total), and each request.
/// </summary>
public sealed record DisbursementRollbackVotesView(ulong Power, ulong Needed, IReadOnlyList<RollbackVoteView> Cast);

/// <summary>One council member's request to roll the disbursement back, with its voting power and reason.</summary>
public sealed record RollbackVoteView(string Voter, ulong Power, string Reason);

/// <summary>
/// Where a disbursement is: <see cref="State"/> is one of the seven snake_case states, <see cref="Since"/> when it
/// entered it, <see cref="Reason"/> why (a rollback's reason), <see cref="TxHash"/> the transaction that caused it
/// (null when the end-of-block step did).
/// </summary>
public sealed record DisbursementStatusView(
    string State,
    long Since,
    string? Reason,
    string? TxHash,
    long? QueuedAt,
    long? ExecutedAt,
    long? FinalizedAt,
    long? RolledBackAt);
