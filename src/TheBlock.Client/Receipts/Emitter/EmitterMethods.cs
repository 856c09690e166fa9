namespace TheBlock.Client.Receipts.Emitter;

/// <summary>The node's JSON-RPC methods a receipt-emitter uses (role <c>emitter</c>: these and nothing else).</summary>
public static class EmitterMethods
{
    /// <summary>Admit a batch of validated receipts into the mempool, answering per receipt.</summary>
    public const string BatchSubmit = "receipts.batch.submit";

    /// <summary>What an emitter validates against, as of the head: providers' keys and open agreements.</summary>
    public const string Sync = "receipts.emitter.sync";
}
