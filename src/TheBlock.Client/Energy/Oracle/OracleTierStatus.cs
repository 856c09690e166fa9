namespace TheBlock.Client.Energy.Oracle;

/// <summary>
/// The result of <c>energy.oracle.status</c>: the keys the chain holds, what the oracle tier last synced (the freshest
/// oracle's count, height and age), and each oracle that has called the node, with its health.
/// </summary>
public sealed record OracleTierStatus(
    ulong ChainHeight,
    ulong KeyCount,
    ulong TierKeyCount,
    ulong? LastSyncHeight,
    double? SyncAgeSeconds,
    int HealthyOracles,
    IReadOnlyList<OracleIdentity> Oracles);

/// <summary>
/// One oracle as the node saw it: healthy while it synced keys within the last <c>healthy_within_seconds</c>.
/// Counts are since the node started.
/// </summary>
public sealed record OracleIdentity(
    string OracleId,
    ulong KeyCount,
    ulong? LastSyncHeight,
    long LastSeen,
    double AgeSeconds,
    bool Healthy,
    double HealthyWithinSeconds,
    ulong Batches,
    ulong ReadingsAdmitted,
    ulong ReadingsRejected);
