using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage;

/// <summary>
/// One page of a disbursement listing, ascending by id, with the count and amounts of every match (not just the page)
/// (sums past 2^64 − 1 CT read as that maximum) and the cursor to pass as <c>after_id</c> for the next page (null on
/// the last).
/// </summary>
public sealed record DisbursementPage(IReadOnlyList<Disbursement> Items, long Total, ulong TotalAmountCt, ulong TotalAmountIt, ulong? NextCursor);
