using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// A council member's request to roll a disbursement back, with the voting power it carries and the member's reason.
/// Requests add up; the rollback happens when their power reaches the threshold (spec/treasury.md).
/// </summary>
public sealed record RollbackVote(Address Voter, ulong Power, string Reason);
