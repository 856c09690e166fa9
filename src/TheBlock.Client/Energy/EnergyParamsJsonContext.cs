using System.Text.Json.Serialization;

namespace TheBlock.Client.Energy;

/// <summary>Source-generated serialization of the energy methods' params: an absent optional param is left out, not sent as null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProviderShowParams))]
[JsonSerializable(typeof(CreditListParams))]
[JsonSerializable(typeof(DisputeListParams))]
[JsonSerializable(typeof(DisputeShowParams))]
[JsonSerializable(typeof(DisputeResolveParams))]
[JsonSerializable(typeof(EscrowShowParams))]
public sealed partial class EnergyParamsJsonContext : JsonSerializerContext;
