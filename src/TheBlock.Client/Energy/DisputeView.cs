namespace TheBlock.Client.Energy;

/// <summary>A dispute: <see cref="Status"/> is open or resolved, <see cref="Outcome"/> upheld or rejected once resolved.</summary>
public sealed record DisputeView(
    ulong DisputeId,
    ulong CreditId,
    string ProviderId,
    string Reason,
    string OpenedBy,
    string Status,
    string? Outcome,
    ulong OpenedAt,
    ulong? ResolvedAt,
    ulong? Slashed);

/// <summary>Result of <c>energy.disputes.list</c>, newest first.</summary>
public sealed record DisputeList(IReadOnlyList<DisputeView> Disputes);

/// <summary>The disputed reading as the credit recorded it when the dispute opened, and who resolved it at what height.</summary>
public sealed record DisputeEvidence(string Meter, ulong AmountKwh, ulong ReadingTimestamp, ulong OpenedHeight, string? ResolvedBy, ulong? ResolvedHeight);

/// <summary>Result of <c>energy.disputes.show</c> and <c>energy.disputes.resolve</c>: the dispute, its credit as it is now, and the evidence.</summary>
public sealed record DisputeDetail(
    ulong DisputeId,
    ulong CreditId,
    string ProviderId,
    string Reason,
    string OpenedBy,
    string Status,
    string? Outcome,
    ulong OpenedAt,
    ulong? ResolvedAt,
    ulong? Slashed,
    CreditView? Credit,
    DisputeEvidence Evidence);
