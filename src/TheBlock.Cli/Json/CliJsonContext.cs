using System.Text.Json.Serialization;

namespace TheBlock.Cli.Json;

/// <summary>Source-generated serialization of the few results contract-cli makes itself, snake_case like the wire.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(GeneratedKeyView))]
[JsonSerializable(typeof(SubmittedView))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
