using System.Text.Json.Serialization;

namespace TheBlock.Client.Receipts.Emitter;

/// <summary>Source-generated serialization of the receipt-emitter's documents with the node.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReceiptBatchParams))]
[JsonSerializable(typeof(ReceiptBatchResult))]
[JsonSerializable(typeof(EmitterSyncParams))]
[JsonSerializable(typeof(EmitterSyncResult))]
[JsonSerializable(typeof(IReadOnlyList<EmitterRefusalCount>))]
[JsonSerializable(typeof(ValidationStateCleared))]
[JsonSerializable(typeof(ValidationStateReset))]
public sealed partial class EmitterJsonContext : JsonSerializerContext;
