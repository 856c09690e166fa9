using System.Text.Json.Serialization;

namespace TheBlock.Cli.Json;

/// <summary>Source-generated serialization of the few results contract-cli makes itself (and the runbook text it prints as a string), snake_case like the wire.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(GeneratedKeyView))]
[JsonSerializable(typeof(SubmittedView))]
[JsonSerializable(typeof(Commands.Dev.DrillReport))]
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
