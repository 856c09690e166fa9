namespace TheBlock.Client.Receipts;

/// <summary>
/// A receipt batch's <c>market_receipts_included</c> event in <c>tx.status</c>: each receipt in batch order, <c>paid</c>
/// with its amount and fee or <c>refused</c> with the reason the block found.
/// </summary>
public sealed record ReceiptBatchView(ulong Paid, ulong Refused, IReadOnlyList<ReceiptOutcomeView> Outcomes);

public sealed record ReceiptOutcomeView(int Position, string Status, ulong? Amount, ulong? Fee, string? Reason)
{
    public const string PaidStatus = "paid";
    public const string RefusedStatus = "refused";
}
