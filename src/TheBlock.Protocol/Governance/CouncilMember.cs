using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Governance;

/// <summary>A genesis-defined council member: who may propose and vote, and how much a vote weighs.</summary>
public sealed record CouncilMember(Address Address, ulong VotingPower);
