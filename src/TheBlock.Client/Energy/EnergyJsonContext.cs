using System.Text.Json.Serialization;

namespace TheBlock.Client.Energy;

/// <summary>Source-generated serialization of the energy market's documents, snake_case: shared by the CLI, the oracle and tests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReadingSubmission))]
[JsonSerializable(typeof(IReadOnlyList<ReadingSubmission>))]
public sealed partial class EnergyJsonContext : JsonSerializerContext;
