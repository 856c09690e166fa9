using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Server.Node;

/// <summary>
/// A block just committed: its effects (with the events its modules emitted) and the committed state after it,
/// readable only while the handler runs (under the chain lock).
/// </summary>
public sealed record CommittedBlock(BlockEffects Effects, IStateReader State);
