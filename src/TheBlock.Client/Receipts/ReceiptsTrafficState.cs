namespace TheBlock.Client.Receipts;

/// <summary>
/// Result of <c>debug.receipts.traffic.set</c>: whether the devnet's simulated storage, compute and ad providers now post
/// receipts, whether each good one is followed by a badly signed one, and the providers the switch governs.
/// </summary>
public sealed record ReceiptsTrafficState(bool Active, bool BadSignatures, IReadOnlyList<string> Providers);
