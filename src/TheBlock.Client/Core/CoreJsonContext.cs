using System.Text.Json.Serialization;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Core;

/// <summary>Source-generated serialization of the core's results, snake_case, nulls written: shared by server, CLI and tests.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(ConsensusStatus))]
[JsonSerializable(typeof(LedgerInspection))]
[JsonSerializable(typeof(TransactionSubmitted))]
[JsonSerializable(typeof(TransactionStatus))]
[JsonSerializable(typeof(TransactionEvent))]
[JsonSerializable(typeof(BlockView))]
[JsonSerializable(typeof(RpcMethodList))]
[JsonSerializable(typeof(ErrorEnvelope))]
public sealed partial class CoreJsonContext : JsonSerializerContext;

/// <summary>
/// Source-generated serialization of the core's params, and the empty params every module's no-param methods send:
/// an absent optional param is left out, not sent as null.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NoParams))]
[JsonSerializable(typeof(LedgerInspectParams))]
[JsonSerializable(typeof(TxSubmitParams))]
[JsonSerializable(typeof(TxStatusParams))]
[JsonSerializable(typeof(BlockShowParams))]
public sealed partial class CoreParamsJsonContext : JsonSerializerContext;
