using System.Text.Json.Serialization;

namespace TheBlock.Client.Receipts;

/// <summary>Source-generated serialization of the receipts module's results.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReceiptView))]
[JsonSerializable(typeof(ReceiptList))]
[JsonSerializable(typeof(ReceiptStats))]
[JsonSerializable(typeof(ReceiptValidation))]
[JsonSerializable(typeof(MarketProviderList))]
[JsonSerializable(typeof(AgreementView))]
[JsonSerializable(typeof(MarketProviderView))]
[JsonSerializable(typeof(ReceiptBatchView))]
[JsonSerializable(typeof(ReceiptsTrafficState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ulong))]
public sealed partial class ReceiptsJsonContext : JsonSerializerContext;

/// <summary>Source-generated serialization of the receipts methods' params: an absent optional param is left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReceiptStatsParams))]
[JsonSerializable(typeof(ReceiptListParams))]
[JsonSerializable(typeof(ReceiptShowParams))]
[JsonSerializable(typeof(ReceiptValidateParams))]
[JsonSerializable(typeof(MarketProvidersParams))]
[JsonSerializable(typeof(AgreementShowParams))]
[JsonSerializable(typeof(ReceiptsTrafficParams))]
public sealed partial class ReceiptsParamsJsonContext : JsonSerializerContext;
