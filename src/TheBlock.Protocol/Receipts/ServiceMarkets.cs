using System.Diagnostics.CodeAnalysis;

namespace TheBlock.Protocol.Receipts;

/// <summary>Each market's wire name and the fields its receipts carry (spec/receipts.md), in their canonical order.</summary>
public static class ServiceMarkets
{
    public static IReadOnlyList<ServiceMarket> All { get; } = [ServiceMarket.Storage, ServiceMarket.Compute, ServiceMarket.Ad];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(Name)];

    public static string Name(ServiceMarket market) => market switch
    {
        ServiceMarket.Storage => "storage",
        ServiceMarket.Compute => "compute",
        ServiceMarket.Ad => "ad",
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "unknown market"),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ServiceMarket? market)
    {
        market = name switch
        {
            "storage" => ServiceMarket.Storage,
            "compute" => ServiceMarket.Compute,
            "ad" => ServiceMarket.Ad,
            _ => null,
        };
        return market is not null;
    }

    public static bool IsDefined(byte code) => Enum.IsDefined((ServiceMarket)code);

    public static IReadOnlyList<MarketField> Schema(ServiceMarket market) => market switch
    {
        ServiceMarket.Storage => [MarketField.Text("contract_id"), MarketField.Number("bytes"), MarketField.Number("duration_seconds")],
        ServiceMarket.Compute => [MarketField.Text("job_id"), MarketField.Number("compute_units")],
        ServiceMarket.Ad => [MarketField.Text("campaign_id"), MarketField.Number("impressions"), MarketField.Number("clicks")],
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "unknown market"),
    };
}

/// <summary>One field of a market's receipt schema.</summary>
public sealed record MarketField(string Name, bool IsText)
{
    public static MarketField Text(string name) => new(name, true);

    public static MarketField Number(string name) => new(name, false);

    public string TypeName => IsText ? "a string" : "an integer";
}
