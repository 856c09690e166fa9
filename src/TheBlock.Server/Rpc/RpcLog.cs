using System.Net;
using Microsoft.Extensions.Logging;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Every log line of the RPC layer. Each text starts with its event name, then key=value pairs.
/// The host passes a logger of category "rpc". Tokens are never logged. Refusals go through <see cref="RpcRefusalLog"/>
/// first, which lets through the first of each reason per client and minute and counts the rest.
/// </summary>
internal static partial class RpcLog
{
    [LoggerMessage(EventId = 1, EventName = "RpcInternalError", Level = LogLevel.Error,
        Message = "RpcInternalError method={Method}")]
    public static partial void InternalError(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, EventName = "RpcUnauthorized", Level = LogLevel.Warning,
        Message = "RpcUnauthorized method={Method} remote={Remote} role={Role}")]
    public static partial void Unauthorized(ILogger logger, string method, IPAddress? remote, string role);

    [LoggerMessage(EventId = 3, EventName = "RpcRateLimited", Level = LogLevel.Debug,
        Message = "RpcRateLimited remote={Remote} limit_per_second={LimitPerSecond}")]
    public static partial void RateLimited(ILogger logger, IPAddress? remote, int limitPerSecond);

    [LoggerMessage(EventId = 4, EventName = "RpcRequestTooLarge", Level = LogLevel.Warning,
        Message = "RpcRequestTooLarge remote={Remote} limit_bytes={LimitBytes}")]
    public static partial void RequestTooLarge(ILogger logger, IPAddress? remote, int limitBytes);

    [LoggerMessage(EventId = 5, EventName = "RpcBatchTooLarge", Level = LogLevel.Warning,
        Message = "RpcBatchTooLarge remote={Remote} size={Size} limit={Limit}")]
    public static partial void BatchTooLarge(ILogger logger, IPAddress? remote, int size, int limit);

    [LoggerMessage(EventId = 6, EventName = "RpcHandlerReturnedNothing", Level = LogLevel.Error,
        Message = "RpcHandlerReturnedNothing method={Method}")]
    public static partial void HandlerReturnedNothing(ILogger logger, string method);

    [LoggerMessage(EventId = 20, EventName = "RpcResponseTooLarge", Level = LogLevel.Warning,
        Message = "RpcResponseTooLarge method={Method} remote={Remote} limit_bytes={LimitBytes} batch={Batch}")]
    public static partial void ResponseTooLarge(ILogger logger, string method, IPAddress? remote, int limitBytes, bool batch);

    [LoggerMessage(EventId = 7, EventName = "RpcRefusalsNotLogged", Level = LogLevel.Warning,
        Message = "RpcRefusalsNotLogged refusals={Refusals} window_seconds={WindowSeconds}")]
    public static partial void RefusalsNotLogged(ILogger logger, string refusals, int windowSeconds);
}
