using TheBlock.Protocol.Modules;

namespace TheBlock.Server.Devnet;

/// <summary>
/// What <c>the-block devnet</c> fixes at genesis or does around the node. The node's own settings (listeners, data
/// and log directories, fault injection) are <see cref="Node.NodeOptions"/>, read like every role's.
/// </summary>
/// <param name="BlockIntervalMs">The genesis target interval of a new chain; the node may override it per start.</param>
public sealed record DevnetOptions(
    string DataDir,
    ulong? EpochLength,
    ulong? BlockIntervalMs,
    bool NoSimulator,
    IReadOnlyList<string> Roles,
    bool Force,
    bool NoCascadeRollback = false,
    ModuleParameters? ModuleParameters = null);
