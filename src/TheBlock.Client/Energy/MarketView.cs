namespace TheBlock.Client.Energy;

/// <summary>Result of <c>energy.market</c>: every provider as the market sees it, and the market's totals.</summary>
public sealed record EnergyMarket(IReadOnlyList<MarketProviderView> Providers, MarketSummary Summary);

/// <summary>A provider in <c>energy.market</c>. Scores are fractions from 0 to 1; <see cref="ReputationScore"/> is the composite.</summary>
public sealed record MarketProviderView(
    string ProviderId,
    string Owner,
    string Status,
    double ReputationScore,
    ReputationView Reputation,
    ulong CapacityKwh,
    ulong PricePerKwh,
    string Jurisdiction,
    string Offtaker,
    ulong Stake,
    ulong OpenCredits,
    ulong SettledKwh,
    ulong? LastSettlement);

/// <summary>A provider's reputation (docs/ENERGY.md, "Reputation"): each component a fraction from 0 to 1, and the count of scored events.</summary>
public sealed record ReputationView(double CompositeScore, double Delivery, double Meter, double Latency, double Capacity, double Confidence, ulong Evidence);

/// <summary>The market's totals: providers in each of the five statuses, pending credits and their kWh, open disputes, kWh ever settled.</summary>
public sealed record MarketSummary(
    ulong Providers,
    IReadOnlyDictionary<string, ulong> ByStatus,
    ulong PendingCredits,
    ulong PendingKwh,
    ulong ActiveDisputes,
    ulong SettledKwh);
