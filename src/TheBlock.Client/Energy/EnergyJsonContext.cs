using System.Text.Json.Serialization;

namespace TheBlock.Client.Energy;

/// <summary>Source-generated serialization of the energy market's documents, snake_case: shared by the CLI, the oracle and tests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReadingSubmission))]
[JsonSerializable(typeof(IReadOnlyList<ReadingSubmission>))]
[JsonSerializable(typeof(EnergyMarket))]
[JsonSerializable(typeof(ProviderView))]
[JsonSerializable(typeof(CreditList))]
[JsonSerializable(typeof(DisputeList))]
[JsonSerializable(typeof(DisputeDetail))]
[JsonSerializable(typeof(OfftakerEscrowView))]
[JsonSerializable(typeof(ReadingAcceptedView))]
[JsonSerializable(typeof(ReadingRejectedView))]
[JsonSerializable(typeof(MarketProviderView))]
[JsonSerializable(typeof(CreditView))]
[JsonSerializable(typeof(DisputeView))]
public sealed partial class EnergyJsonContext : JsonSerializerContext;
