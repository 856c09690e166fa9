using System.Text.Json;
using System.Text.Json.Serialization;

namespace TheBlock.Client.Rpc;

/// <summary>Source-generated metadata shared by every module's contracts: the empty params and raw results.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NoParams))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
public sealed partial class RpcEnvelopeJsonContext : JsonSerializerContext;
