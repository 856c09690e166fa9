namespace TheBlock.Client.Rpc;

/// <summary>The server answered with a JSON-RPC error: its code, snake_case reason and message.</summary>
public sealed class RpcCallException : Exception
{
    public RpcCallException(int code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public RpcCallException()
        : this(0, "unknown", "unknown error")
    {
    }

    public RpcCallException(string message)
        : this(0, "unknown", message)
    {
    }

    public RpcCallException(string message, Exception innerException)
        : base(message, innerException) => Reason = "unknown";

    public int Code { get; }

    public string Reason { get; }
}
