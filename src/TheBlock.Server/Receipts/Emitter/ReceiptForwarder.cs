using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// Sends queued receipts to the node in batches (at most <see cref="EmitterOptions.BatchSize"/>) with the emitter token
/// through <c>receipts.batch.submit</c>, oldest first, and records each verdict: <c>admitted</c> marks the row
/// submitted with its transaction (the inclusion tracker follows it), <c>included</c> and <c>rejected</c> end it.
/// Up to <see cref="EmitterOptions.BatchesInFlight"/> calls run at once over disjoint rows (the node verifies one batch
/// while the next is read and sent); a provider's receipts may then reach the node up to that many batches out of order,
/// well inside its nonce window. While the node is away, or refuses the call, the calls in flight end and the same rows
/// are sent again, oldest first, with exponential backoff (100 ms doubling to 5 s): nothing accepted is dropped. Rows
/// left submitted by a previous run are queued again at start.
/// </summary>
public sealed partial class ReceiptForwarder(
    RpcClient node, ReceiptStore store, ReceiptQueue queue, ValidationState validation, EmitterMetrics metrics, EmitterOptions options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);
    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.RequeueAllSubmitted() is > 0 and var requeued)
        {
            Resubmitting(_log, requeued);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        var inFlight = new List<(Task<Forwarded> Call, long LastSeq)>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await FillAsync(inFlight, stoppingToken).ConfigureAwait(false);
                if (inFlight.Count == 0)
                {
                    await WaitForArrivalAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var done = await Task.WhenAny(inFlight.Select(f => f.Call)).ConfigureAwait(false);
                inFlight.RemoveAll(f => f.Call == done);
                var forwarded = await done.ConfigureAwait(false);
                if (forwarded == Forwarded.Settled)
                {
                    backoff = FirstBackoff;
                    continue;
                }

                // Rows went back to (or stayed in) the queue behind the ones still on their way: let those calls end, so
                // the next batch starts again from the oldest row.
                await Task.WhenAll(inFlight.Select(f => f.Call)).ConfigureAwait(false);
                inFlight.Clear();
                if (forwarded == Forwarded.Failed)
                {
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Starts calls until <see cref="EmitterOptions.BatchesInFlight"/> are on their way, each with the oldest rows after
    /// those already sent. A batch that is not full goes only when nothing else is in flight, after letting it fill.
    /// </summary>
    private async Task FillAsync(List<(Task<Forwarded> Call, long LastSeq)> inFlight, CancellationToken stoppingToken)
    {
        while (inFlight.Count < options.BatchesInFlight)
        {
            var after = inFlight.Count == 0 ? 0 : inFlight.Max(f => f.LastSeq);
            var batch = store.TakeQueued(options.BatchSize, after);
            if (batch.Count == 0 || (batch.Count < options.BatchSize && inFlight.Count > 0))
            {
                return;
            }

            if (batch.Count < options.BatchSize && options.BatchDelayMs > 0)
            {
                // Let concurrent submitters fill the batch: fewer, fuller transactions.
                await Task.Delay(TimeSpan.FromMilliseconds(options.BatchDelayMs), time, stoppingToken).ConfigureAwait(false);
                batch = store.TakeQueued(options.BatchSize, after);
            }

            inFlight.Add((ForwardAsync(batch, stoppingToken), batch[^1].Seq));
        }
    }

    private async Task WaitForArrivalAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(IdlePoll);
        try
        {
            await queue.Arrived.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends one batch and records the node's verdicts.</summary>
    private async Task<Forwarded> ForwardAsync(List<QueueRow> batch, CancellationToken stoppingToken)
    {
        await Task.Yield();
        ReceiptBatchResult result;
        try
        {
            result = await node.CallAsync(
                EmitterRpc.BatchSubmit, new ReceiptBatchParams(options.ResolvedEmitterId, [.. batch.Select(row => Convert.ToBase64String(row.Wire))]), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcUnreachableException or HttpRequestException || (ex is TaskCanceledException && !stoppingToken.IsCancellationRequested))
        {
            metrics.Batches.WithLabels(EmitterMetrics.Failed).Inc();
            NodeUnavailable(_log, batch.Count, ex.Message);
            return Forwarded.Failed;
        }
        catch (RpcCallException ex)
        {
            metrics.Batches.WithLabels(EmitterMetrics.Rejected).Inc();
            NodeRefusedBatch(_log, batch.Count, ex.Reason, ex.Message);
            return Forwarded.Failed;
        }

        metrics.Batches.WithLabels(EmitterMetrics.Admitted).Inc();
        metrics.LastSubmitAt.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        return Settle(batch, result) ? Forwarded.Settled : Forwarded.LeftQueued;
    }

    /// <summary>Records each row's verdict; false when some row got none and stays queued.</summary>
    private bool Settle(List<QueueRow> batch, ReceiptBatchResult result)
    {
        var verdicts = new Dictionary<string, ReceiptVerdict>(StringComparer.Ordinal);
        foreach (var verdict in result.Results)
        {
            verdicts.TryAdd(verdict.ReceiptId.ToLowerInvariant(), verdict);
        }

        var submitted = new List<(long, string)>();
        var finished = new List<(long, string, string?, ulong?, string?, string?)>();
        var ended = 0;
        var unanswered = 0;
        foreach (var row in batch)
        {
            if (!verdicts.TryGetValue(row.ReceiptId, out var verdict))
            {
                // No verdict for it: it stays queued and goes with the next batch.
                unanswered++;
                continue;
            }

            switch (verdict.Status)
            {
                case ReceiptVerdict.Admitted when verdict.TxHash is { } txHash:
                    submitted.Add((row.Seq, txHash));
                    break;
                case ReceiptVerdict.Included:
                    finished.Add((row.Seq, ReceiptTracking.Included, verdict.TxHash, verdict.BlockHeight, null, null));
                    validation.Included(row.ReceiptId, row.AgreementId, row.Amount, verdict.BlockHeight ?? result.Height);
                    ended++;
                    break;
                case ReceiptVerdict.Rejected:
                    var reason = verdict.Reason ?? ReceiptVerdict.Rejected;
                    finished.Add((row.Seq, ReceiptTracking.Rejected, null, null, reason, verdict.Message));
                    validation.Dropped(row.ReceiptId, row.AgreementId, row.Amount);
                    if (ReceiptReasons.Validation.Contains(reason))
                    {
                        metrics.NodeRejections.WithLabels(reason).Inc();
                    }

                    ReceiptRejectionLog.Rejected(_log, reason, "node", row.MarketName, row.ProviderId, row.Nonce.ToString(System.Globalization.CultureInfo.InvariantCulture), row.ReceiptId, verdict.Message ?? string.Empty);
                    ended++;
                    break;
            }
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (submitted.Count > 0)
        {
            store.MarkSubmitted(submitted, now);
        }

        if (finished.Count > 0)
        {
            store.Finish(finished);
            queue.Release(ended);
        }

        return unanswered == 0;
    }

    private enum Forwarded
    {
        Settled,
        LeftQueued,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptsResubmitted receipts={Receipts} cause=left_submitted_by_previous_run")]
    private static partial void Resubmitting(ILogger log, int receipts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NodeUnavailable receipts={Receipts} error={Error} retry=backoff")]
    private static partial void NodeUnavailable(ILogger log, int receipts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "NodeRefusedBatch receipts={Receipts} reason={Reason} error={Error} retry=backoff")]
    private static partial void NodeRefusedBatch(ILogger log, int receipts, string reason, string error);
}
