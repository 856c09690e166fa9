namespace TheBlock.Client.Energy;

/// <summary>A credit (spec/energy.md, "Credits and settlement"); the settlement fields are null until it settles.</summary>
public sealed record CreditView(
    ulong CreditId,
    string ProviderId,
    string Meter,
    ulong AmountKwh,
    ulong PricePerKwh,
    ulong ReadingTimestamp,
    ulong CreatedAt,
    ulong CreatedHeight,
    string Status,
    ulong? SettledAt,
    ulong? ReceiptId,
    ulong? Payment,
    ulong? Fee,
    ulong? DisputeId);

/// <summary>Result of <c>energy.credits.list</c>: one page newest first, and the <c>before_id</c> of the next page (null on the last).</summary>
public sealed record CreditList(IReadOnlyList<CreditView> Credits, ulong? NextBeforeId);
