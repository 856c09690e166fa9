using TheBlock.Client.Rpc;

namespace TheBlock.Client.Core;

/// <summary>The core's JSON-RPC contracts (docs/RPC_ERRORS.md, "Methods and roles"): node, transactions, blocks, the method list.</summary>
public static class CoreRpc
{
    /// <summary>The most entries or items one page of any list answers.</summary>
    public const int MaxListLimit = 1_000;

    public static RpcContract<NoParams, NodeStatus> NodeStatus { get; } =
        new(CoreMethods.NodeStatus, CoreParamsJsonContext.Default.NoParams, CoreJsonContext.Default.NodeStatus);

    public static RpcContract<NoParams, ConsensusStatus> NodeConsensus { get; } =
        new(CoreMethods.NodeConsensus, CoreParamsJsonContext.Default.NoParams, CoreJsonContext.Default.ConsensusStatus);

    public static RpcContract<LedgerInspectParams, LedgerInspection> LedgerInspect { get; } =
        new(CoreMethods.LedgerInspect, CoreParamsJsonContext.Default.LedgerInspectParams, CoreJsonContext.Default.LedgerInspection, new RpcPaging(20, MaxListLimit));

    public static RpcContract<TxSubmitParams, TransactionSubmitted> TxSubmit { get; } =
        new(CoreMethods.TxSubmit, CoreParamsJsonContext.Default.TxSubmitParams, CoreJsonContext.Default.TransactionSubmitted);

    public static RpcContract<TxStatusParams, TransactionStatus> TxStatus { get; } =
        new(CoreMethods.TxStatus, CoreParamsJsonContext.Default.TxStatusParams, CoreJsonContext.Default.TransactionStatus);

    public static RpcContract<BlockShowParams, BlockView> BlockShow { get; } =
        new(CoreMethods.BlockShow, CoreParamsJsonContext.Default.BlockShowParams, CoreJsonContext.Default.BlockView);

    public static RpcContract<NoParams, RpcMethodList> RpcMethods { get; } =
        new(CoreMethods.RpcMethods, CoreParamsJsonContext.Default.NoParams, CoreJsonContext.Default.RpcMethodList);
}
