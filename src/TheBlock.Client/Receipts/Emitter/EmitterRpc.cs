using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Receipts.Emitter;

/// <summary>The receipt-emitter's JSON-RPC contracts with the node.</summary>
public static class EmitterRpc
{
    public static RpcContract<ReceiptBatchParams, ReceiptBatchResult> BatchSubmit { get; } =
        new(EmitterMethods.BatchSubmit, EmitterJsonContext.Default.ReceiptBatchParams, EmitterJsonContext.Default.ReceiptBatchResult);

    public static RpcContract<EmitterSyncParams, EmitterSyncResult> Sync { get; } =
        new(EmitterMethods.Sync, EmitterJsonContext.Default.EmitterSyncParams, EmitterJsonContext.Default.EmitterSyncResult);

    /// <summary>Admin, called by <c>contract-cli receipts reset-validation-state</c>.</summary>
    public static RpcContract<NoParams, ValidationStateReset> ResetValidationState { get; } =
        new(ReceiptsMethods.ResetValidationState, CoreParamsJsonContext.Default.NoParams, EmitterJsonContext.Default.ValidationStateReset);
}
