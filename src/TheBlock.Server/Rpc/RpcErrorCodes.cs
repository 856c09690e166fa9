namespace TheBlock.Server.Rpc;

/// <summary>The JSON-RPC error codes this node answers with; docs/RPC_ERRORS.md is the table clients read.</summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int Internal = -32603;

    public const int Unauthorized = -32001;
    public const int RateLimited = -32002;
    public const int RequestTooLarge = -32003;
    public const int BatchTooLarge = -32004;
    public const int ResponseTooLarge = -32005;

    /// <summary>A referenced object does not exist; subsystems give the precise reason (e.g. <c>disbursement_not_found</c>).</summary>
    public const int NotFound = -32010;

    /// <summary>A transaction failed admission or inclusion; subsystems give the precise reason (e.g. <c>insufficient_funds</c>).</summary>
    public const int TransactionRejected = -32011;

    public const int Unavailable = -32020;
}
