namespace TheBlock.Client.Energy;

/// <summary>
/// A credit (spec/energy.md, "Credits and settlement"); the settlement fields are null until it settles. A settled
/// credit is the market's energy receipt: the block at <see cref="SettledHeight"/> moved its payment under the ledger
/// reference <c>energy-settlement-{settled_height}</c>.
/// </summary>
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
    ulong? SettledHeight,
    ulong? ReceiptId,
    ulong? Payment,
    ulong? Fee,
    ulong? DisputeId,
    ulong? ClosedAt);

/// <summary>Result of <c>energy.credits.list</c>: one page newest first, and the <c>before_id</c> of the next page (null on the last).</summary>
public sealed record CreditList(IReadOnlyList<CreditView> Credits, ulong? NextBeforeId);
