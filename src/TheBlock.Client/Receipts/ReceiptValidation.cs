namespace TheBlock.Client.Receipts;

/// <summary>Result of <c>receipts.validate</c>: what was re-checked and every receipt that failed.</summary>
public sealed record ReceiptValidation(ulong FromBlock, ulong ToBlock, ulong Blocks, ulong Receipts, ulong Valid, IReadOnlyList<InvalidReceipt> Invalid);

/// <summary>A committed receipt that no longer passes: its id, block, market, reason and a sentence.</summary>
public sealed record InvalidReceipt(string ReceiptId, ulong BlockHeight, string Market, string Reason, string Message);
