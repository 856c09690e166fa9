using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prometheus;
using TheBlock.Client.Core;

namespace TheBlock.Server.Rpc;

/// <summary>Serves JSON-RPC 2.0 over HTTP POST: limits, parsing, auth, dispatch to handlers, metrics and the response.</summary>
public sealed class RpcDispatcher
{
    private const string JsonContentType = "application/json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // Two "method" or two "amount" members could mean either; refuse instead of guessing.
        AllowDuplicateProperties = false,
    };

    private readonly FrozenDictionary<string, Registered> _methods;
    private readonly RpcTokens _tokens;
    private readonly int _maxRequestBytes;
    private readonly int _maxBatchSize;
    private readonly int _maxResponseBytes;
    private readonly int _maxBatchResponseBytes;
    private readonly RpcRateLimiter _limiter;
    private readonly RpcMetrics.Method _unknownMetrics;
    private readonly ILogger _logger;
    private readonly RpcRefusalLog _refusals;
    private readonly TimeProvider _time;

    public RpcDispatcher(IEnumerable<RpcMethod> methods, RpcTokens tokens, RpcOptions options, IMetricFactory metrics, ILogger logger)
        : this(methods, tokens, options, metrics, logger, TimeProvider.System)
    {
    }

    /// <param name="logger">Category "rpc", where operators look for RPC failures.</param>
    /// <param name="time">The clock of the rate limiter and the duration metric; tests pass a manual one.</param>
    public RpcDispatcher(
        IEnumerable<RpcMethod> methods, RpcTokens tokens, RpcOptions options, IMetricFactory metrics, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();

        var rpcMetrics = new RpcMetrics(metrics);
        var registered = new Dictionary<string, Registered>(StringComparer.Ordinal);
        foreach (RpcMethod method in methods)
        {
            if (string.IsNullOrWhiteSpace(method.Name) || method.Name == RpcMetrics.UnknownMethod)
            {
                throw new ArgumentException($"\"{method.Name}\" cannot be a method name", nameof(methods));
            }

            if (!registered.TryAdd(method.Name, new Registered(method, rpcMetrics.For(method.Name))))
            {
                throw new ArgumentException($"method {method.Name} is registered twice", nameof(methods));
            }
        }

        _methods = registered.ToFrozenDictionary(StringComparer.Ordinal);
        _tokens = tokens;
        _maxRequestBytes = options.MaxRequestBytes;
        _maxBatchSize = options.MaxBatchSize;
        _maxResponseBytes = options.MaxResponseBytes;
        _maxBatchResponseBytes = options.MaxBatchResponseBytes;
        _limiter = new RpcRateLimiter(options.RateLimitPerSecond, time);
        _unknownMetrics = rpcMetrics.For(RpcMetrics.UnknownMethod);
        _logger = logger;
        _refusals = new RpcRefusalLog(logger, time);
        _time = time;
    }

    /// <summary>Every method served, with the role it needs, ordered by name.</summary>
    public IReadOnlyList<RpcMethod> Methods => [.. _methods.Values.Select(registered => registered.Method).OrderBy(method => method.Name, StringComparer.Ordinal)];

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Post;
            return;
        }

        long started = _time.GetTimestamp();
        var caller = new RpcCaller(context, _tokens);
        CancellationToken aborted = context.RequestAborted;

        if (!_limiter.HasCapacity(caller.Remote))
        {
            LogRateLimited(caller);
            await RespondWithErrorAsync(context, StatusCodes.Status429TooManyRequests, RpcProtocolErrors.RateLimited(_limiter.PerSecond), started);
            return;
        }

        RpcRequestBody? body;
        try
        {
            body = await RpcRequestBody.ReadAsync(context.Request, _maxRequestBytes, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }

        if (body is null)
        {
            if (_refusals.ShouldLog(CoreReasonRegistry.RequestTooLarge, caller.Remote))
            {
                RpcLog.RequestTooLarge(_logger, caller.Remote, _maxRequestBytes);
            }

            await RespondWithErrorAsync(context, StatusCodes.Status413PayloadTooLarge, RpcProtocolErrors.RequestTooLarge(_maxRequestBytes), started);
            return;
        }

        using (body)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body.Memory, DocumentOptions);
            }
            catch (JsonException)
            {
                await RespondWithErrorAsync(context, StatusCodes.Status200OK, RpcProtocolErrors.ParseError, started);
                return;
            }
            catch (InvalidOperationException)
            {
                // The duplicate-member check unescapes every member name, and a name escaping a lone surrogate cannot be
                // unescaped. Refused here, no such name reaches a handler, whose lookups by name would throw on it.
                await RespondWithErrorAsync(context, StatusCodes.Status200OK, RpcProtocolErrors.UnreadableMemberName, started);
                return;
            }

            using (document)
            {
                await DispatchAsync(context, caller, document.RootElement, started);
            }
        }
    }

    private async Task DispatchAsync(HttpContext context, RpcCaller caller, JsonElement root, long started)
    {
        CancellationToken aborted = context.RequestAborted;
        bool isBatch = root.ValueKind == JsonValueKind.Array;
        using var writer = new RpcResponseWriter(isBatch, _maxResponseBytes, _maxBatchResponseBytes);
        int status = StatusCodes.Status200OK;

        if (!isBatch)
        {
            RpcCall call = root.ValueKind == JsonValueKind.Object
                ? RpcCall.Parse(root)
                : RpcCall.Invalid(RpcProtocolErrors.InvalidRequest("request must be a JSON object or a batch array of them"));
            if (await ProcessAsync(call, caller, writer, aborted))
            {
                status = StatusCodes.Status429TooManyRequests;
            }
        }
        else
        {
            int size = root.GetArrayLength();
            if (size == 0 || size > _maxBatchSize)
            {
                if (size > 0 && _refusals.ShouldLog(CoreReasonRegistry.BatchTooLarge, caller.Remote))
                {
                    RpcLog.BatchTooLarge(_logger, caller.Remote, size, _maxBatchSize);
                }

                // Answered as one object, not an array: there is no element to answer for.
                await RespondWithErrorAsync(
                    context,
                    StatusCodes.Status200OK,
                    size == 0 ? RpcProtocolErrors.EmptyBatch : RpcProtocolErrors.BatchTooLarge(size, _maxBatchSize),
                    started);
                return;
            }

            // In order, one at a time: a batch that registers then uses something must see its own effects.
            foreach (JsonElement element in root.EnumerateArray())
            {
                if (writer.BatchFull)
                {
                    // The answer is already as large as a batch may be: running more would only make work nobody receives.
                    RpcCall skipped = RpcCall.Parse(element);
                    if (!skipped.IsNotification)
                    {
                        writer.WriteError(skipped, RpcProtocolErrors.BatchResponseFull(_maxBatchResponseBytes));
                    }

                    continue;
                }

                await ProcessAsync(RpcCall.Parse(element), caller, writer, aborted);
                if (aborted.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        if (aborted.IsCancellationRequested)
        {
            return;
        }

        ReadOnlyMemory<byte> response = writer.Complete();
        await WriteResponseAsync(context, response.IsEmpty && status == StatusCodes.Status200OK ? StatusCodes.Status204NoContent : status, response);
    }

    /// <summary>Runs one call and writes its entry (unless it is a notification). True if the call was rate limited.</summary>
    private async ValueTask<bool> ProcessAsync(RpcCall call, RpcCaller caller, RpcResponseWriter writer, CancellationToken aborted)
    {
        long started = _time.GetTimestamp();
        Registered? target = call.Method is not null && _methods.TryGetValue(call.Method, out Registered? found) ? found : null;
        bool rateLimited = false;
        RpcOutcome outcome;

        if (!_limiter.TryAcquire(caller.Remote))
        {
            rateLimited = true;
            LogRateLimited(caller);
            outcome = RpcProtocolErrors.RateLimited(_limiter.PerSecond);
        }
        else if (call.EnvelopeError is { } invalid)
        {
            outcome = invalid;
        }
        else if (target is null)
        {
            outcome = RpcProtocolErrors.MethodNotFound(call.Method!);
        }
        else if (target.Method.Role != RpcRole.Public && !RpcTokens.Allows(caller.Role, target.Method.Role))
        {
            if (_refusals.ShouldLog(CoreReasonRegistry.Unauthorized, caller.Remote))
            {
                RpcLog.Unauthorized(_logger, target.Method.Name, caller.Remote, caller.Role?.ToWireName() ?? "none");
            }

            outcome = RpcProtocolErrors.Unauthorized(target.Method.Name, target.Method.Role);
        }
        else if (call.HasPositionalParams)
        {
            outcome = RpcProtocolErrors.PositionalParams;
        }
        else
        {
            outcome = await InvokeAsync(target.Method, call.Params, aborted);
        }

        bool succeeded = outcome.IsOk;
        if (!call.IsNotification && !aborted.IsCancellationRequested)
        {
            if (succeeded)
            {
                if (writer.TryWriteResult(call, outcome.Result) is { } failure)
                {
                    writer.WriteError(call, Refused(target!.Method.Name, caller, failure));
                    succeeded = false;
                }
            }
            else
            {
                writer.WriteError(call, outcome.Error!);
            }
        }

        (target?.Metrics ?? _unknownMetrics).Record(succeeded, _time.GetElapsedTime(started));
        return rateLimited;
    }

    /// <summary>The answer for a result that could not be written: over a size cap, or a bug in its serialization.</summary>
    private RpcError Refused(string method, RpcCaller caller, Exception failure)
    {
        if (failure is RpcResponseTooLargeException tooLarge)
        {
            int limit = tooLarge.BatchLimitReached ? _maxBatchResponseBytes : _maxResponseBytes;
            if (_refusals.ShouldLog(CoreReasonRegistry.ResponseTooLarge, caller.Remote))
            {
                RpcLog.ResponseTooLarge(_logger, method, caller.Remote, limit, tooLarge.BatchLimitReached);
            }

            return tooLarge.BatchLimitReached ? RpcProtocolErrors.BatchResponseTooLarge(limit) : RpcProtocolErrors.ResponseTooLarge(method, limit);
        }

        RpcLog.InternalError(_logger, method, failure);
        return RpcProtocolErrors.InternalError;
    }

    private async ValueTask<RpcOutcome> InvokeAsync(RpcMethod method, JsonElement parameters, CancellationToken aborted)
    {
        try
        {
            RpcOutcome outcome = await method.Handler(new RpcParams(parameters), aborted);
            if (!outcome.IsOk && outcome.Error is null)
            {
                RpcLog.HandlerReturnedNothing(_logger, method.Name);
                return RpcProtocolErrors.InternalError;
            }

            return outcome;
        }
        catch (RpcParamsException invalid)
        {
            return invalid.Error;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer and nothing went wrong on our side.
            return RpcProtocolErrors.InternalError;
        }
        catch (Exception exception)
        {
            RpcLog.InternalError(_logger, method.Name, exception);
            return RpcProtocolErrors.InternalError;
        }
    }

    private void LogRateLimited(RpcCaller caller)
    {
        if (_refusals.ShouldLog(CoreReasonRegistry.RateLimited, caller.Remote))
        {
            RpcLog.RateLimited(_logger, caller.Remote, _limiter.PerSecond);
        }
    }

    private async Task RespondWithErrorAsync(HttpContext context, int status, RpcError error, long started)
    {
        using var writer = new RpcResponseWriter(isBatch: false);
        writer.WriteError(RpcCall.Invalid(error), error);
        _unknownMetrics.Record(succeeded: false, _time.GetElapsedTime(started));
        await WriteResponseAsync(context, status, writer.Complete());
    }

    private static async Task WriteResponseAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            response.Headers.RetryAfter = "1";
        }

        if (body.IsEmpty)
        {
            return;
        }

        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        try
        {
            await response.BodyWriter.WriteAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up while we answered; there is no one to tell.
        }
    }

    private sealed record Registered(RpcMethod Method, RpcMetrics.Method Metrics);
}
