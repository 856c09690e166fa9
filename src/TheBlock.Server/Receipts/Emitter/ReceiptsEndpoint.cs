using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The emitter's HTTP surface (docs/RECEIPTS.md, "The receipt-emitter role"): <c>POST /receipts</c> (one submission or an array) answered
/// per receipt once it is durably queued or refused; <c>GET /receipts/{id}</c>; <c>GET /health</c>; and
/// <c>POST /admin/reset-validation-state</c>, which only the node calls, with the emitter token.
/// </summary>
public sealed partial class ReceiptsEndpoint(
    ReceiptIngestion ingestion, ReceiptStore store, SubmittedBatches submitted, ValidationState validation, EmitterChainView view, ReceiptQueue queue, EmitterOptions options, EmitterToken token, ILoggerFactory loggers)
{
    public const string ReceiptsPath = "/receipts";
    public const string HealthPath = "/health";
    public const string ResetPath = "/admin/reset-validation-state";

    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);

    public Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        if (path == ReceiptsPath && HttpMethods.IsPost(method))
        {
            return PostAsync(context);
        }

        if (path.StartsWith(ReceiptsPath + "/", StringComparison.Ordinal) && HttpMethods.IsGet(method))
        {
            return GetAsync(context, path[(ReceiptsPath.Length + 1)..]);
        }

        if (path == HealthPath && HttpMethods.IsGet(method))
        {
            var snapshot = view.Current;
            var health = new EmitterHealth(
                options.ResolvedEmitterId, snapshot is null ? "starting" : "ok", snapshot?.Height, snapshot?.Providers.Count ?? 0, snapshot?.Agreements.Count ?? 0, queue.Depth, queue.Capacity);
            return HttpJson.WriteAsync(context, StatusCodes.Status200OK, health, EmitterHttpJsonContext.Default.EmitterHealth);
        }

        if (path == ResetPath && HttpMethods.IsPost(method))
        {
            return ResetAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task PostAsync(HttpContext context)
    {
        var body = await HttpJson.ReadBodyAsync(context.Request, options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Refusal(EmitterReasons.BodyTooLarge, $"the body exceeds {options.MaxBodyBytes} bytes")).ConfigureAwait(false);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            // Not even JSON: one unreadable receipt, refused like any other.
            using var empty = JsonDocument.Parse("null");
            var refused = await ingestion.IngestAsync([empty.RootElement], context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, StatusCodes.Status422UnprocessableEntity, refused[0] with { Message = $"the body is not JSON: {ex.Message}" }).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var isArray = root.ValueKind == JsonValueKind.Array;
            var elements = isArray ? [.. root.EnumerateArray()] : new List<JsonElement> { root };
            if (elements.Count == 0 || elements.Count > options.MaxReceiptsPerRequest)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Refusal(EmitterReasons.TooManyReceipts, $"send 1 to {options.MaxReceiptsPerRequest} receipts per request, not {elements.Count}")).ConfigureAwait(false);
                return;
            }

            var answers = await ingestion.IngestAsync(elements, context.RequestAborted).ConfigureAwait(false);
            if (isArray)
            {
                await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new ReceiptAnswers(answers), EmitterHttpJsonContext.Default.ReceiptAnswers).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, StatusOf(answers[0]), answers[0]).ConfigureAwait(false);
            }
        }
    }

    private Task GetAsync(HttpContext context, string receiptId) =>
        Track(receiptId.ToLowerInvariant()) is { } tracking
            ? HttpJson.WriteAsync(context, StatusCodes.Status200OK, tracking, EmitterHttpJsonContext.Default.ReceiptTracking)
            : HttpJson.WriteAsync(
                context,
                StatusCodes.Status404NotFound,
                new ReceiptTracking(receiptId, ReceiptTracking.Unknown, null, null, null, null, null, EmitterReasons.ReceiptUnknown,
                    $"receipt {receiptId} is not known to this emitter (it knows the receipts it queued and the last {options.OutcomeCapacity} outcomes)"),
                EmitterHttpJsonContext.Default.ReceiptTracking);

    /// <summary>A queued receipt the node admitted into a batch is <c>submitted</c>, with the batch's transaction.</summary>
    private ReceiptTracking? Track(string receiptId)
    {
        var tracking = store.Find(receiptId);
        return tracking is { Status: ReceiptTracking.Queued } && submitted.TransactionOf(receiptId) is { } txHash
            ? tracking with { Status = ReceiptTracking.Submitted, TxHash = txHash }
            : tracking;
    }

    private async Task ResetAsync(HttpContext context)
    {
        if (!token.Matches(context.Request.Headers.Authorization.ToString()))
        {
            ResetRefused(_log, context.Connection.RemoteIpAddress?.ToString() ?? "-");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(context, StatusCodes.Status401Unauthorized, Refusal(EmitterReasons.Unauthorized, "resetting the validation state needs Authorization: Bearer <emitter token>")).ConfigureAwait(false);
            return;
        }

        var (ids, nonces) = validation.Clear();
        var (_, height) = store.ClearValidationState();
        ValidationStateReset(_log, ids, nonces, height?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new ValidationStateCleared(ids, nonces, height), EmitterHttpJsonContext.Default.ValidationStateCleared).ConfigureAwait(false);
    }

    private static int StatusOf(ReceiptAnswer answer) => answer.Status switch
    {
        ReceiptAnswer.Accepted => StatusCodes.Status200OK,
        ReceiptAnswer.Rejected => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static ReceiptAnswer Refusal(string reason, string message) => new(ReceiptAnswer.Rejected, null, reason, message);

    private static Task WriteAsync(HttpContext context, int status, ReceiptAnswer answer) =>
        HttpJson.WriteAsync(context, status, answer, EmitterHttpJsonContext.Default.ReceiptAnswer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ValidationStateResetRefused remote={Remote} reason=unauthorized")]
    private static partial void ResetRefused(ILogger log, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ValidationStateReset receipt_ids={Ids} provider_nonces={Nonces} last_checked_height={Height}")]
    private static partial void ValidationStateReset(ILogger log, ulong ids, ulong nonces, string height);
}
