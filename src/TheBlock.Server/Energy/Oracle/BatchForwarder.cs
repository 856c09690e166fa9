using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// Takes verified readings off the queue in batches (up to the batch size, or whatever arrived within the batch delay)
/// and hands each batch to the node with the oracle token. While the node is unreachable it retries the same batch
/// with exponential backoff (100 ms doubling to 5 s); readings whose submitters gave up meanwhile drop out of it.
/// A reading is answered <c>accepted</c> only once the node has admitted it.
/// </summary>
public sealed partial class BatchForwarder(
    RpcClient node, ReadingQueue queue, InclusionTracker tracker, TrackingTable tracking, OracleMetrics metrics, OracleOptions options, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly ILogger _log = loggers.CreateLogger("oracle");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedReading>(options.BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                var deadline = time.GetUtcNow() + TimeSpan.FromMilliseconds(options.BatchDelayMs);
                while (batch.Count < options.BatchSize)
                {
                    if (queue.Reader.TryRead(out var reading))
                    {
                        batch.Add(reading);
                        continue;
                    }

                    var remaining = deadline - time.GetUtcNow();
                    if (remaining <= TimeSpan.Zero)
                    {
                        break;
                    }

                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    wait.CancelAfter(remaining);
                    try
                    {
                        await queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        break;
                    }
                }

                queue.Taken(batch.Count);
                await ForwardAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ForwardAsync(List<QueuedReading> batch, CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (true)
        {
            var live = batch.Where(reading => reading.TryStartSending()).ToList();
            if (live.Count == 0)
            {
                return;
            }

            ReadingBatchResult result;
            try
            {
                result = await node.CallAsync(OracleRpc.ReadingsSubmit, ReadingBatchParams.Of(options.ResolvedOracleId, [.. live.Select(r => r.Submission)]), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcUnreachableException or HttpRequestException || (ex is TaskCanceledException && !stoppingToken.IsCancellationRequested))
            {
                metrics.Batches.WithLabels(OracleMetrics.Retried).Inc();
                NodeUnavailable(_log, live.Count, backoff.TotalMilliseconds, ex.Message);
                foreach (var reading in live)
                {
                    reading.SendFailed();
                }

                batch = live;
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }
            catch (RpcCallException ex)
            {
                metrics.Batches.WithLabels(OracleMetrics.Failed).Inc();
                NodeRefused(_log, live.Count, ex.Reason, ex.Message);
                foreach (var reading in live)
                {
                    reading.Answer.TrySetResult(new ReadingAnswer(ReadingAnswer.Unavailable, null, ex.Reason, $"the node refused the batch: {ex.Message}"));
                }

                return;
            }

            metrics.Batches.WithLabels(OracleMetrics.Admitted).Inc();
            Settle(live, result);
            return;
        }
    }

    private void Settle(List<QueuedReading> live, ReadingBatchResult result)
    {
        for (var i = 0; i < live.Count; i++)
        {
            var reading = live[i];
            var verdict = i < result.Results.Count ? result.Results[i] : ReadingVerdict.RejectedFor(OracleReasons.NodeAnswerShort, "the node answered fewer verdicts than readings sent");
            if (verdict is { Status: ReadingVerdict.Admitted, TxHash: { } txHash })
            {
                tracking.Pending(reading, txHash);
                tracker.Watch(txHash, reading);
                reading.Answer.TrySetResult(new ReadingAnswer(ReadingAnswer.Accepted, reading.TrackingId, null, null));
            }
            else if (verdict.Reason is { } reason && EnergyReasons.Reading.Contains(reason))
            {
                ReadingRejectionLog.Rejected(_log, "node", reason, reading.Reading.ProviderId, reading.Reading.Meter, reading.Reading.Nonce, verdict.Message ?? string.Empty);
                reading.Answer.TrySetResult(new ReadingAnswer(ReadingAnswer.Rejected, null, reason, verdict.Message));
            }
            else
            {
                reading.Answer.TrySetResult(new ReadingAnswer(ReadingAnswer.Unavailable, null, verdict.Reason, verdict.Message));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NodeUnavailable readings={Readings} retry_in_ms={RetryMs} error=\"{Error}\"")]
    private static partial void NodeUnavailable(ILogger log, int readings, double retryMs, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "NodeRefusedBatch readings={Readings} reason={Reason} error=\"{Error}\"")]
    private static partial void NodeRefused(ILogger log, int readings, string reason, string error);
}
