namespace TheBlock.Client.Receipts;

/// <summary>
/// A receipt as committed (spec/receipts.md): the common fields, then the market's own in <see cref="Fields"/> (e.g.
/// <c>contract_id, bytes, duration_seconds</c> for storage). <see cref="AgreementId"/> is set for storage, compute and
/// ad, <see cref="CreditId"/> for energy.
/// </summary>
public sealed record ReceiptView(
    string ReceiptId,
    string Market,
    string ProviderId,
    string Buyer,
    ulong? AgreementId,
    ulong? CreditId,
    ulong Units,
    ulong Amount,
    ulong Fee,
    ulong BlockHeight,
    ulong CreatedAt,
    ulong Nonce,
    IReadOnlyDictionary<string, object> Fields);

/// <summary>Result of <c>receipts.list</c>: one page newest first, and the cursor of the next page (null on the last).</summary>
public sealed record ReceiptList(IReadOnlyList<ReceiptView> Receipts, string? NextCursor);
