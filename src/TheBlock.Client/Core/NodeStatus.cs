namespace TheBlock.Client.Core;

/// <summary>Result of <c>node.status</c>.</summary>
public sealed record NodeStatus(
    string NodeId,
    string ChainId,
    string Version,
    ulong CurrentBlockHeight,
    ulong CurrentEpoch,
    ulong EpochLength,
    long LastBlockAt,
    string LastBlockHash,
    string StateRoot,
    IReadOnlyList<string> Roles,
    string GenesisHash,
    ulong BlockIntervalMs,
    int MempoolTransactions);
