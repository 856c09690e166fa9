using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// Sends queued receipts to the node in batches (at most <see cref="EmitterOptions.BatchSize"/>) with the emitter token
/// through <c>receipts.batch.submit</c>, oldest first, and records each verdict: <c>admitted</c> puts the row in its
/// transaction's <see cref="SubmittedBatches"/> (the inclusion tracker follows it), <c>included</c> and <c>rejected</c> end it.
/// Up to <see cref="EmitterOptions.BatchesInFlight"/> calls run at once over disjoint rows (the node verifies one batch
/// while the next is read and sent); a provider's receipts may then reach the node up to that many batches out of order,
/// well inside its nonce window. While the node is away, or refuses the call, the calls in flight end and the same rows
/// are sent again, oldest first, with exponential backoff (100 ms doubling to 5 s): nothing accepted is dropped. At
/// start every row in the queue is sent again (a previous run may have been stopped between its batch and its block).
/// </summary>
public sealed partial class ReceiptForwarder(
    RpcClient node, ReceiptStore store, ReceiptQueue queue, SubmittedBatches submitted, ValidationState validation, EmitterMetrics metrics, EmitterOptions options,
    TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);
    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);
    private long _sentThrough;
    private bool _resendPending;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.PendingCount() is > 0 and var pending)
        {
            Resubmitting(_log, pending);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        var inFlight = new List<Task<Forwarded>>();
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

                var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
                inFlight.Remove(done);
                var forwarded = await done.ConfigureAwait(false);
                if (forwarded == Forwarded.Settled)
                {
                    backoff = FirstBackoff;
                    continue;
                }

                // Rows stayed in the queue behind the ones still on their way: let those calls end, then start again
                // from the oldest row.
                await Task.WhenAll(inFlight).ConfigureAwait(false);
                inFlight.Clear();
                _sentThrough = 0;
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
    /// Starts calls until <see cref="EmitterOptions.BatchesInFlight"/> are on their way, each with the oldest rows not
    /// sent yet. A batch that is not full goes only when nothing else is in flight, after letting it fill. When the node
    /// lost a batch, no call starts until those in flight end; then sending starts again from the oldest row.
    /// </summary>
    private async Task FillAsync(List<Task<Forwarded>> inFlight, CancellationToken stoppingToken)
    {
        while (inFlight.Count < options.BatchesInFlight)
        {
            _resendPending |= submitted.TakeResend();
            if (_resendPending)
            {
                if (inFlight.Count > 0)
                {
                    return;
                }

                (_sentThrough, _resendPending) = (0, false);
            }

            var (batch, through) = Take(_sentThrough);
            if (batch.Count == 0)
            {
                // Everything read is already in an admitted batch.
                _sentThrough = inFlight.Count == 0 ? through : _sentThrough;
                return;
            }

            if (batch.Count < options.BatchSize)
            {
                if (inFlight.Count > 0)
                {
                    return;
                }

                if (options.BatchDelayMs > 0)
                {
                    // Let concurrent submitters fill the batch: fewer, fuller transactions.
                    await Task.Delay(TimeSpan.FromMilliseconds(options.BatchDelayMs), time, stoppingToken).ConfigureAwait(false);
                    (batch, through) = Take(_sentThrough);
                }
            }

            _sentThrough = through;
            inFlight.Add(ForwardAsync(batch, stoppingToken));
        }
    }

    /// <summary>The oldest queued rows after <paramref name="after"/> that no admitted batch holds, and the last seq read.</summary>
    private (List<QueueRow> Batch, long Through) Take(long after)
    {
        var batch = new List<QueueRow>(options.BatchSize);
        while (batch.Count < options.BatchSize)
        {
            var rows = store.TakeQueued(options.BatchSize - batch.Count, after);
            if (rows.Count == 0)
            {
                break;
            }

            after = rows[^1].Seq;
            batch.AddRange(rows.Where(row => !submitted.Holds(row.Seq)));
        }

        return (batch, after);
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
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var verdicts = new Dictionary<string, ReceiptVerdict>(StringComparer.Ordinal);
        foreach (var verdict in result.Results)
        {
            verdicts.TryAdd(verdict.ReceiptId.ToLowerInvariant(), verdict);
        }

        var admitted = new List<(string TxHash, QueueRow Row)>();
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
                    admitted.Add((txHash, row));
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

        // A batch's rows are recorded together, so the inclusion tracker never sees part of one.
        foreach (var transaction in admitted.GroupBy(a => a.TxHash, StringComparer.Ordinal))
        {
            submitted.Add(transaction.Key, transaction.Select(a => a.Row), now);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptsResubmitted receipts={Receipts} cause=queued_at_start")]
    private static partial void Resubmitting(ILogger log, long receipts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NodeUnavailable receipts={Receipts} error={Error} retry=backoff")]
    private static partial void NodeUnavailable(ILogger log, int receipts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "NodeRefusedBatch receipts={Receipts} reason={Reason} error={Error} retry=backoff")]
    private static partial void NodeRefusedBatch(ILogger log, int receipts, string reason, string error);
}
