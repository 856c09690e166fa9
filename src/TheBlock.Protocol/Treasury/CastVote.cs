using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>One council member's recorded vote on a disbursement.</summary>
public sealed record CastVote(Address Voter, VoteChoice Choice, ulong Power);
