using System.Security.Cryptography;
using System.Text.Json;
using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Protocol.Energy;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// <c>POST /readings</c> (one reading, or an array of them) and <c>GET /readings/{tracking_id}</c> (docs/ENERGY.md,
/// "Oracle"). Each reading is checked, verified and queued; the answer waits until the node has admitted it
/// (<c>accepted</c>, with a tracking id), or says why not: <c>rejected</c> with the failed check's reason, <c>busy</c>
/// when the queue is full, <c>unavailable</c> when the node did not take it in time.
/// </summary>
public sealed class ReadingsEndpoint(
    OracleKeyCache keys, ReadingQueue queue, TrackingTable tracking, OracleMetrics metrics, OracleOptions options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("oracle");

    public async Task PostAsync(HttpContext context)
    {
        var body = await HttpJson.ReadBodyAsync(context.Request, options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Refusal(OracleReasons.BodyTooLarge, $"the body exceeds {options.MaxBodyBytes} bytes")).ConfigureAwait(false);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            metrics.Rejections.Count(EnergyReasons.InvalidFormat);
            await WriteAsync(context, StatusCodes.Status400BadRequest, Refusal(EnergyReasons.InvalidFormat, $"the body is not JSON: {ex.Message}")).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var isArray = root.ValueKind == JsonValueKind.Array;
            var elements = isArray ? [.. root.EnumerateArray()] : new List<JsonElement> { root };
            if (elements.Count == 0 || elements.Count > options.MaxReadingsPerRequest)
            {
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Refusal(OracleReasons.TooManyReadings, $"send 1 to {options.MaxReadingsPerRequest} readings per request, not {elements.Count}")).ConfigureAwait(false);
                return;
            }

            var answers = await AnswerAsync(elements, context.RequestAborted).ConfigureAwait(false);
            if (isArray)
            {
                await HttpJson.WriteAsync(context, StatusCodes.Status200OK, new ReadingAnswers(answers), OracleJsonContext.Default.ReadingAnswers).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, StatusOf(answers[0]), answers[0]).ConfigureAwait(false);
            }
        }
    }

    public Task GetAsync(HttpContext context, string trackingId) =>
        tracking.Get(trackingId) is { } view
            ? HttpJson.WriteAsync(context, StatusCodes.Status200OK, view, OracleJsonContext.Default.TrackingView)
            : WriteAsync(context, StatusCodes.Status404NotFound, Refusal(OracleReasons.TrackingIdUnknown, $"no reading with tracking id {trackingId} is remembered here (each oracle replica knows its own ids)"));

    private async Task<ReadingAnswer[]> AnswerAsync(List<JsonElement> elements, CancellationToken cancellationToken)
    {
        var answers = new ReadingAnswer[elements.Count];
        var parsed = new List<(int Index, SignedReading Reading)>();
        for (var i = 0; i < elements.Count; i++)
        {
            var parse = ReadingDocument.Read(elements[i]);
            if (parse.Reading is null)
            {
                answers[i] = Reject(parse.Reason!, parse.Message!, null);
            }
            else
            {
                parsed.Add((i, parse.Reading));
            }
        }

        if (keys.Current.Height is null)
        {
            await keys.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (keys.Current.Height is null)
        {
            foreach (var (index, _) in parsed)
            {
                answers[index] = new ReadingAnswer(ReadingAnswer.Unavailable, null, OracleReasons.KeysNotSynced, "the oracle has not synced the providers' keys from the node yet; send it again shortly");
            }

            return answers;
        }

        var failures = Verify(parsed);
        if (failures.Any(f => f?.Reason == EnergyReasons.KeyNotFound))
        {
            // A provider registered since the last sync: look again (at most once a second) before calling its key unknown.
            await keys.RefreshAsync(cancellationToken).ConfigureAwait(false);
            failures = Verify(parsed);
        }

        var queued = new List<(int Index, QueuedReading Reading)>();
        for (var k = 0; k < parsed.Count; k++)
        {
            var (index, reading) = parsed[k];
            if (failures[k] is { } failure)
            {
                answers[index] = Reject(failure.Reason, failure.Message, reading);
                continue;
            }

            var entry = new QueuedReading(reading, NewTrackingId(), time.GetTimestamp());
            if (queue.TryEnqueue(entry))
            {
                queued.Add((index, entry));
            }
            else
            {
                answers[index] = new ReadingAnswer(ReadingAnswer.Busy, null, OracleReasons.Busy, $"the oracle's queue is full ({queue.Capacity} readings); send it again shortly");
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(options.AckTimeoutMs));
        foreach (var (index, entry) in queued)
        {
            answers[index] = await AwaitAnswerAsync(entry, timeout.Token).ConfigureAwait(false);
        }

        return answers;
    }

    private (string Reason, string Message)?[] Verify(List<(int Index, SignedReading Reading)> parsed)
    {
        metrics.PendingVerifications.Inc(parsed.Count);
        try
        {
            return ReadingVerifier.Verify([.. parsed.Select(p => p.Reading)], keys.Current.Keys, (ulong)time.GetUtcNow().ToUnixTimeSeconds(), options.MaxSkewSeconds);
        }
        finally
        {
            metrics.PendingVerifications.Dec(parsed.Count);
        }
    }

    private static async Task<ReadingAnswer> AwaitAnswerAsync(QueuedReading entry, CancellationToken timeout)
    {
        try
        {
            return await entry.Answer.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (entry.TryAbandon())
        {
            return new ReadingAnswer(ReadingAnswer.Unavailable, null, OracleReasons.NodeUnavailable, "the node did not take the reading in time; it was not forwarded: send it again");
        }
        catch (OperationCanceledException)
        {
            // A call to the node already carries it: its answer comes with that call.
            return await entry.Answer.Task.ConfigureAwait(false);
        }
    }

    private ReadingAnswer Reject(string reason, string message, SignedReading? reading)
    {
        metrics.Rejections.Count(reason);
        ReadingRejectionLog.Rejected(_log, "oracle", reason, reading?.ProviderId ?? "-", reading?.Meter ?? "-", reading?.Nonce ?? 0, message);
        return new ReadingAnswer(ReadingAnswer.Rejected, null, reason, message);
    }

    private static int StatusOf(ReadingAnswer answer) => answer.Status switch
    {
        ReadingAnswer.Accepted => StatusCodes.Status200OK,
        ReadingAnswer.Rejected => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static ReadingAnswer Refusal(string reason, string message) => new(ReadingAnswer.Rejected, null, reason, message);

    private static string NewTrackingId() => "trk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    private static Task WriteAsync(HttpContext context, int status, ReadingAnswer answer) =>
        HttpJson.WriteAsync(context, status, answer, OracleJsonContext.Default.ReadingAnswer);
}
