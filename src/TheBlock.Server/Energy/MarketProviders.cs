using TheBlock.Client.Energy;

namespace TheBlock.Server.Energy;

/// <summary>The providers' market views at <paramref name="Height"/>, with their count per status and the kWh they ever settled (saturating).</summary>
public sealed record MarketProviders(ulong Height, IReadOnlyList<MarketProviderView> Providers, IReadOnlyDictionary<string, ulong> ByStatus, ulong SettledKwh);
