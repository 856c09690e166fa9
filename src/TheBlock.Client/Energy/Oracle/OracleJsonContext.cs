using System.Text.Json.Serialization;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Energy.Oracle;

/// <summary>Source-generated serialization of the oracle tier's documents: the node's oracle methods and the oracle's HTTP answers.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReadingBatchParams))]
[JsonSerializable(typeof(ReadingBatchResult))]
[JsonSerializable(typeof(OracleKeysParams))]
[JsonSerializable(typeof(OracleKeySet))]
[JsonSerializable(typeof(OracleTierStatus))]
[JsonSerializable(typeof(ReadingAnswer))]
[JsonSerializable(typeof(ReadingAnswers))]
[JsonSerializable(typeof(TrackingView))]
[JsonSerializable(typeof(OracleHealth))]
[JsonSerializable(typeof(NoParams))]
public sealed partial class OracleJsonContext : JsonSerializerContext;
