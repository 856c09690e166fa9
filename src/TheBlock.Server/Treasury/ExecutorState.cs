namespace TheBlock.Server.Treasury;

/// <summary>What the executor reports (gov.treasury.balance's <c>executor</c>): its health after the last tick. Times are unix seconds.</summary>
public sealed record ExecutorState(
    bool Enabled,
    bool Paused,
    string NodeId,
    string? LastError,
    string? LastErrorDetail,
    ulong? LastErrorAt,
    ulong? LastSuccessAt,
    ulong? LastTickAt,
    int PendingMatured,
    int Staged,
    string? LeaseHolder,
    ulong? LeaseExpiresAt);
