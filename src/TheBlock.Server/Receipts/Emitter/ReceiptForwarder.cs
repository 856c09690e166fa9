using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// Sends queued receipts to the node in batches (at most <see cref="EmitterOptions.BatchSize"/>) with the emitter token
/// through <c>receipts.batch.submit</c>, oldest first, and records each verdict: <c>admitted</c> marks the row
/// submitted with its transaction (the inclusion tracker follows it), <c>included</c> and <c>rejected</c> end it.
/// While the node is away, or refuses the call, the same rows are sent again with exponential backoff (100 ms doubling
/// to 5 s): nothing accepted is dropped. Rows left submitted by a previous run are queued again at start.
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
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = store.TakeQueued(options.BatchSize);
                if (batch.Count == 0)
                {
                    await WaitForArrivalAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (batch.Count < options.BatchSize && options.BatchDelayMs > 0)
                {
                    // Let concurrent submitters fill the batch: fewer, fuller transactions.
                    await Task.Delay(TimeSpan.FromMilliseconds(options.BatchDelayMs), time, stoppingToken).ConfigureAwait(false);
                    batch = store.TakeQueued(options.BatchSize);
                }

                if (await ForwardAsync(batch, stoppingToken).ConfigureAwait(false))
                {
                    backoff = FirstBackoff;
                    continue;
                }

                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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

    /// <summary>Sends one batch; false when it must be sent again later (the node was away or refused the call).</summary>
    private async Task<bool> ForwardAsync(List<QueueRow> batch, CancellationToken stoppingToken)
    {
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
            return false;
        }
        catch (RpcCallException ex)
        {
            metrics.Batches.WithLabels(EmitterMetrics.Rejected).Inc();
            NodeRefusedBatch(_log, batch.Count, ex.Reason, ex.Message);
            return false;
        }

        metrics.Batches.WithLabels(EmitterMetrics.Admitted).Inc();
        metrics.LastSubmitAt.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        Settle(batch, result);
        return true;
    }

    private void Settle(List<QueueRow> batch, ReceiptBatchResult result)
    {
        var verdicts = new Dictionary<string, ReceiptVerdict>(StringComparer.Ordinal);
        foreach (var verdict in result.Results)
        {
            verdicts.TryAdd(verdict.ReceiptId.ToLowerInvariant(), verdict);
        }

        var submitted = new List<(string, string)>();
        var finished = new List<(string, string, string?, ulong?, string?, string?)>();
        var ended = 0;
        foreach (var row in batch)
        {
            if (!verdicts.TryGetValue(row.ReceiptId, out var verdict))
            {
                // No verdict for it: it stays queued and goes with the next batch.
                continue;
            }

            switch (verdict.Status)
            {
                case ReceiptVerdict.Admitted when verdict.TxHash is { } txHash:
                    submitted.Add((row.ReceiptId, txHash));
                    break;
                case ReceiptVerdict.Included:
                    finished.Add((row.ReceiptId, ReceiptTracking.Included, verdict.TxHash, verdict.BlockHeight, null, null));
                    validation.Included(row.ReceiptId, row.AgreementId, row.Amount, verdict.BlockHeight ?? result.Height);
                    ended++;
                    break;
                case ReceiptVerdict.Rejected:
                    var reason = verdict.Reason ?? ReceiptVerdict.Rejected;
                    finished.Add((row.ReceiptId, ReceiptTracking.Rejected, null, null, reason, verdict.Message));
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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ReceiptsResubmitted receipts={Receipts} cause=left_submitted_by_previous_run")]
    private static partial void Resubmitting(ILogger log, int receipts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NodeUnavailable receipts={Receipts} error={Error} retry=backoff")]
    private static partial void NodeUnavailable(ILogger log, int receipts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "NodeRefusedBatch receipts={Receipts} reason={Reason} error={Error} retry=backoff")]
    private static partial void NodeRefusedBatch(ILogger log, int receipts, string reason, string error);
}
