namespace TheBlock.Client.Core;

/// <summary>Result of <c>node.consensus</c>.</summary>
public sealed record ConsensusStatus(
    string Mode,
    string Leader,
    IReadOnlyList<string> Validators,
    ulong CurrentBlockHeight,
    long LastBlockAt,
    ulong BlockIntervalMs,
    bool Healthy,
    long StalledForSeconds);
