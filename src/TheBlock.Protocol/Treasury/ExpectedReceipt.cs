using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>Who is expected to receive what from a disbursement (informational; the amounts must add up).</summary>
public sealed record ExpectedReceipt(Address Account, ulong AmountCt, ulong AmountIt);
