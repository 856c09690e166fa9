using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Node;

/// <summary>A block just committed, with the state each disbursement it changed had before (null for a new one).</summary>
public sealed record CommittedBlock(BlockEffects Effects, IReadOnlyList<(Disbursement Disbursement, DisbursementState? Before)> DisbursementChanges);
