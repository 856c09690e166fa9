using System.Text.Json.Serialization;

namespace TheBlock.Client.Treasury;

/// <summary>Source-generated serialization of the treasury's results, snake_case, nulls written: shared by server, CLI and tests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TreasuryBalance))]
[JsonSerializable(typeof(ExecutorStatus))]
[JsonSerializable(typeof(DisbursementView))]
[JsonSerializable(typeof(DisbursementList))]
[JsonSerializable(typeof(DisbursementPreview))]
[JsonSerializable(typeof(ProposalPayloadView))]
[JsonSerializable(typeof(VoteCast))]
[JsonSerializable(typeof(SettlementAudit))]
[JsonSerializable(typeof(FaultState))]
public sealed partial class TreasuryJsonContext : JsonSerializerContext;

/// <summary>Source-generated serialization of the treasury's params: an absent optional param is left out, not sent as null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DisbursementListParams))]
[JsonSerializable(typeof(DisbursementShowParams))]
[JsonSerializable(typeof(DisbursementRollbackParams))]
[JsonSerializable(typeof(DisbursementPreviewParams))]
[JsonSerializable(typeof(SettlementAuditParams))]
[JsonSerializable(typeof(FaultSetParams))]
public sealed partial class TreasuryParamsJsonContext : JsonSerializerContext;
