using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

public sealed record GenesisAllocation(Address Address, ulong Amount);
