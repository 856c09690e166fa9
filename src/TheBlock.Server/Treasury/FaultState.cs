using System.Text.Json.Serialization;

namespace TheBlock.Server.Treasury;

/// <summary>Result of <c>debug.fault.set</c>: which fault, now on or off.</summary>
public sealed record FaultState(string Fault, bool Active);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FaultState))]
internal sealed partial class TreasuryRpcJsonContext : JsonSerializerContext;
