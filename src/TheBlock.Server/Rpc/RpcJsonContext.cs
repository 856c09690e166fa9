using System.Text.Json;
using System.Text.Json.Serialization;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Source-generated metadata for what the envelope itself writes: error details and simple results
/// (<c>RpcOutcome.Ok(true, RpcJsonContext.Default.Boolean)</c>). DTOs of real results live in their own contexts.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(uint))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(ulong[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
public sealed partial class RpcJsonContext : JsonSerializerContext;
