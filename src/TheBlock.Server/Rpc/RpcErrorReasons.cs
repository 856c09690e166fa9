namespace TheBlock.Server.Rpc;

/// <summary>The <c>data.reason</c> values of the JSON-RPC layer itself. Subsystems define their own next to their rules.</summary>
public static class RpcErrorReasons
{
    public const string ParseError = "parse_error";
    public const string InvalidRequest = "invalid_request";
    public const string MethodNotFound = "method_not_found";
    public const string InvalidParams = "invalid_params";
    public const string InternalError = "internal_error";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string RequestTooLarge = "request_too_large";
    public const string BatchTooLarge = "batch_too_large";
    public const string ResponseTooLarge = "response_too_large";
    public const string Busy = "busy";
}
