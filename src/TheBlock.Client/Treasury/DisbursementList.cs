namespace TheBlock.Client.Treasury;

/// <summary>
/// Result of <c>gov.treasury.list</c>: one page in ascending id. <see cref="Total"/> and the amount sums cover every
/// match of the filter, not just this page; <see cref="NextCursor"/> is the <c>after_id</c> of the next page, null on
/// the last.
/// </summary>
public sealed record DisbursementList(
    IReadOnlyList<DisbursementView> Disbursements,
    ulong Total,
    ulong TotalAmountCt,
    ulong TotalAmountIt,
    ulong? NextCursor);
