namespace TheBlock.Client.Energy.Oracle;

/// <summary>The node's JSON-RPC methods the oracle tier uses, and the status an operator reads (docs/ENERGY.md, "Oracle").</summary>
public static class OracleMethods
{
    /// <summary>Oracle role: admit a batch of verified readings into the mempool, answering per reading.</summary>
    public const string ReadingsSubmit = "energy.readings.submit";

    /// <summary>Oracle role: the providers' keys, meters and statuses as of the head; also the oracle's heartbeat.</summary>
    public const string Keys = "energy.oracle.keys";

    /// <summary>Public: what the oracle tier knows and how each oracle is doing (<c>energy oracle keys status</c>).</summary>
    public const string Status = "energy.oracle.status";
}
