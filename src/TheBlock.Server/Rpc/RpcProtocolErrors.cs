using TheBlock.Client.Core;

namespace TheBlock.Server.Rpc;

/// <summary>The errors the JSON-RPC layer itself answers with, worded once.</summary>
internal static class RpcProtocolErrors
{
    private const int MaxEchoedChars = 128;

    public static readonly RpcError ParseError =
        new(RpcErrorCodes.ParseError, CoreReasonRegistry.ParseError, "request body is not valid JSON");

    public static readonly RpcError InternalError =
        new(RpcErrorCodes.Internal, CoreReasonRegistry.InternalError, "internal error; see node.log");

    public static readonly RpcError EmptyBatch =
        InvalidRequest("batch must contain at least one request");

    public static readonly RpcError UnreadableMemberName =
        InvalidRequest("member names must be valid Unicode text; one escapes an unpaired surrogate (\\ud800 to \\udfff)");

    public static readonly RpcError PositionalParams =
        new(RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidParams, "params must be an object of named parameters");

    public static RpcError InvalidRequest(string message) =>
        new(RpcErrorCodes.InvalidRequest, CoreReasonRegistry.InvalidRequest, message);

    public static RpcError MethodNotFound(string method) =>
        new(RpcErrorCodes.MethodNotFound, CoreReasonRegistry.MethodNotFound, $"method {RpcClientText.Shorten(method, MaxEchoedChars)} does not exist");

    public static RpcError Unauthorized(string method, RpcRole required) =>
        new(RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized,
            required == RpcRole.Admin
                ? $"method {method} requires the admin token"
                : $"method {method} requires the {required.ToWireName()} token or the admin token",
            new Dictionary<string, object?> { ["required_role"] = required.ToWireName() });

    public static RpcError RateLimited(int perSecond) =>
        new(RpcErrorCodes.RateLimited, CoreReasonRegistry.RateLimited,
            $"rate limit of {perSecond} calls per second exceeded; retry later",
            new Dictionary<string, object?> { ["limit_per_second"] = perSecond });

    public static RpcError RequestTooLarge(int maxBytes) =>
        new(RpcErrorCodes.RequestTooLarge, CoreReasonRegistry.RequestTooLarge,
            $"request body exceeds the limit of {maxBytes} bytes",
            new Dictionary<string, object?> { ["limit_bytes"] = maxBytes });

    public static RpcError BatchTooLarge(int size, int maxSize) =>
        new(RpcErrorCodes.BatchTooLarge, CoreReasonRegistry.BatchTooLarge,
            $"batch of {size} requests exceeds the limit of {maxSize}; nothing was executed",
            new Dictionary<string, object?> { ["limit"] = maxSize, ["size"] = size });

    public static RpcError ResponseTooLarge(string method, int maxBytes) =>
        new(RpcErrorCodes.ResponseTooLarge, CoreReasonRegistry.ResponseTooLarge,
            $"the result of {method} exceeds the response limit of {maxBytes} bytes; ask for less (a smaller limit or range)",
            new Dictionary<string, object?> { ["limit_bytes"] = maxBytes });

    public static RpcError BatchResponseTooLarge(int maxBytes) =>
        new(RpcErrorCodes.ResponseTooLarge, CoreReasonRegistry.ResponseTooLarge,
            $"the batch's answers exceed the batch response limit of {maxBytes} bytes; this call ran but its result was dropped, and the rest of the batch was not run",
            new Dictionary<string, object?> { ["limit_bytes"] = maxBytes });

    public static RpcError BatchResponseFull(int maxBytes) =>
        new(RpcErrorCodes.ResponseTooLarge, CoreReasonRegistry.ResponseTooLarge,
            $"the batch's answers reached the batch response limit of {maxBytes} bytes; this call was not run",
            new Dictionary<string, object?> { ["limit_bytes"] = maxBytes });

    /// <param name="optionKey">The NodeOptions key that sets <paramref name="capacity"/>, so the operator knows what to raise.</param>
    public static RpcError Busy(string method, int capacity, string optionKey) =>
        new(RpcErrorCodes.Unavailable, CoreReasonRegistry.Busy,
            $"{method} is already running {capacity} at a time, the most this node allows (Node:{optionKey}); retry when it finishes",
            new Dictionary<string, object?> { ["limit"] = capacity });
}
