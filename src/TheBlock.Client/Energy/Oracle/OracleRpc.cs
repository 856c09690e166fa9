using TheBlock.Client.Rpc;

namespace TheBlock.Client.Energy.Oracle;

/// <summary>The oracle tier's JSON-RPC contracts with the node.</summary>
public static class OracleRpc
{
    public static RpcContract<ReadingBatchParams, ReadingBatchResult> ReadingsSubmit { get; } =
        new(OracleMethods.ReadingsSubmit, OracleJsonContext.Default.ReadingBatchParams, OracleJsonContext.Default.ReadingBatchResult);

    public static RpcContract<OracleKeysParams, OracleKeySet> Keys { get; } =
        new(OracleMethods.Keys, OracleJsonContext.Default.OracleKeysParams, OracleJsonContext.Default.OracleKeySet);

    public static RpcContract<NoParams, OracleTierStatus> Status { get; } =
        new(OracleMethods.Status, OracleJsonContext.Default.NoParams, OracleJsonContext.Default.OracleTierStatus);
}
