namespace TheBlock.Client.Energy;

/// <summary>An accepted reading in <c>tx.status</c>: the credit its delta made, null for a baseline or a zero delta.</summary>
public sealed record ReadingAcceptedView(string ProviderId, string Meter, ulong Nonce, ulong TotalKwh, ulong? CreditId);

/// <summary>A reading the block refused when it re-verified it, with the reason.</summary>
public sealed record ReadingRejectedView(string ProviderId, string Meter, ulong Nonce, string Reason);
