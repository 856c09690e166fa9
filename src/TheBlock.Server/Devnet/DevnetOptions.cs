namespace TheBlock.Server.Devnet;

/// <summary>Flags of <c>the-block devnet</c>.</summary>
public sealed record DevnetOptions(
    string DataDir,
    ulong? EpochLength,
    ulong? BlockIntervalMs,
    bool NoSimulator,
    IReadOnlyList<string> Roles,
    bool Force,
    string RpcListen,
    string MetricsListen,
    string? LogDir,
    bool AllowFaultInjection = false,
    bool NoCascadeRollback = false);
