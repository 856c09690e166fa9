using TheBlock.Client.Rpc;

namespace TheBlock.Client.Receipts.Emitter;

/// <summary>The receipt-emitter's JSON-RPC contracts with the node.</summary>
public static class EmitterRpc
{
    public static RpcContract<ReceiptBatchParams, ReceiptBatchResult> BatchSubmit { get; } =
        new(EmitterMethods.BatchSubmit, EmitterJsonContext.Default.ReceiptBatchParams, EmitterJsonContext.Default.ReceiptBatchResult);

    public static RpcContract<EmitterSyncParams, EmitterSyncResult> Sync { get; } =
        new(EmitterMethods.Sync, EmitterJsonContext.Default.EmitterSyncParams, EmitterJsonContext.Default.EmitterSyncResult);
}
