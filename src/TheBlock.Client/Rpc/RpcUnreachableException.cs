namespace TheBlock.Client.Rpc;

/// <summary>No answer from the server (refused, timed out, not JSON-RPC): contract-cli exits 3.</summary>
public sealed class RpcUnreachableException : Exception
{
    public RpcUnreachableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public RpcUnreachableException()
    {
    }

    public RpcUnreachableException(string message)
        : base(message)
    {
    }
}
