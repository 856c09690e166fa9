using System.Text.Json.Serialization;

namespace TheBlock.Client.Receipts.Emitter;

/// <summary>Source-generated serialization of the receipt-emitter's HTTP answers (its submitters and the CLI read them).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReceiptAnswer))]
[JsonSerializable(typeof(ReceiptAnswers))]
[JsonSerializable(typeof(ReceiptTracking))]
[JsonSerializable(typeof(EmitterHealth))]
[JsonSerializable(typeof(ValidationStateCleared))]
public sealed partial class EmitterHttpJsonContext : JsonSerializerContext;
