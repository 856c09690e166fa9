using System.Text.Json;
using System.Text.Json.Serialization;

namespace TheBlock.Server.Receipts;

/// <summary>Source-generated serialization of the simulated providers' posts to the emitter.</summary>
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ReceiptsTrafficJsonContext : JsonSerializerContext;
