namespace TheBlock.Client.Treasury;

/// <summary>
/// The treasury executor as the runbook's "Treasury Stuck" diagnosis reads it: result of
/// <c>gov.treasury.executor.status|pause|resume</c> and the <c>executor</c> of <c>gov.treasury.balance</c>.
/// <see cref="LastError"/> is one of the executor reason codes (spec/treasury.md) or null; times are unix seconds.
/// </summary>
public sealed record ExecutorStatus(
    bool Enabled,
    bool Paused,
    string NodeId,
    string? LastError,
    string? LastErrorDetail,
    long? LastErrorAt,
    long? LastSuccessAt,
    long? LastTickAt,
    int PendingMatured,
    int Staged,
    string? LeaseHolder,
    long? LeaseExpiresAt);
