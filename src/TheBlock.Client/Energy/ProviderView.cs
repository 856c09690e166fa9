namespace TheBlock.Client.Energy;

/// <summary>
/// Result of <c>energy.provider.show</c>: everything the market view shows, plus the meters' key (base64) and the
/// height it verifies from, the meters, the time of the last accepted reading, and the offtaker's escrow balance.
/// Times are unix seconds, null when it never happened.
/// </summary>
public sealed record ProviderView(
    string ProviderId,
    string Owner,
    string Status,
    double ReputationScore,
    ReputationView Reputation,
    string PublicKey,
    ulong KeySinceHeight,
    IReadOnlyList<string> Meters,
    ulong CapacityKwh,
    ulong PricePerKwh,
    string Jurisdiction,
    string Offtaker,
    ulong OfftakerEscrow,
    ulong Stake,
    ulong OpenCredits,
    ulong SettledKwh,
    ulong SlashedTotal,
    ulong UpheldDisputes,
    ulong? LastSettlement,
    ulong? LastReadingAt,
    ulong RegisteredHeight,
    ulong RegisteredAt,
    ulong UpdatedAt);
