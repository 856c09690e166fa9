using System.Text.Json;
using System.Text.Json.Serialization;

namespace TheBlock.Client.Dto;

/// <summary>Source-generated serialization of every wire DTO, snake_case, shared by server, CLI and tests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(ConsensusStatus))]
[JsonSerializable(typeof(LedgerInspection))]
[JsonSerializable(typeof(TransactionSubmitted))]
[JsonSerializable(typeof(TransactionStatus))]
[JsonSerializable(typeof(BlockView))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(TreasuryBalance))]
[JsonSerializable(typeof(ExecutorStatus))]
[JsonSerializable(typeof(DisbursementView))]
[JsonSerializable(typeof(DisbursementList))]
[JsonSerializable(typeof(DisbursementPreview))]
[JsonSerializable(typeof(ProposalPayloadView))]
[JsonSerializable(typeof(VoteCast))]
[JsonSerializable(typeof(SettlementAudit))]
[JsonSerializable(typeof(RpcMethodList))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ClientJsonContext : JsonSerializerContext;
