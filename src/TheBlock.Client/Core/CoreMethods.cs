namespace TheBlock.Client.Core;

/// <summary>The core's JSON-RPC method names, each the CLI path of its command (<c>node.ledger.inspect</c> ↔ <c>node ledger inspect</c>).</summary>
public static class CoreMethods
{
    public const string NodeStatus = "node.status";
    public const string NodeConsensus = "node.consensus";
    public const string LedgerInspect = "node.ledger.inspect";
    public const string TxSubmit = "tx.submit";
    public const string TxStatus = "tx.status";
    public const string BlockShow = "block.show";
    public const string RpcMethods = "rpc.methods";
}
