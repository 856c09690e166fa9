using System.Globalization;
using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// Follows each submitted batch transaction through <c>tx.status</c> until a committed block holds it, then deletes its
/// rows (their outcome stays for <c>GET /receipts/{id}</c>): <c>included</c>, or <c>rejected</c> for a receipt the block
/// refused (the batch's <c>market_receipts_included</c> outcomes), counted and logged like any refusal by the node. A batch the node no longer knows after
/// <see cref="EmitterOptions.LostBatchTimeoutMs"/> (a restart emptied its mempool) or that it dropped is queued again:
/// the node answers <c>included</c> for a receipt a block already holds, so nothing is paid twice and nothing accepted is lost.
/// </summary>
public sealed partial class ReceiptInclusionTracker(
    RpcClient node, ReceiptStore store, ReceiptQueue queue, SubmittedBatches submitted, ValidationState validation, EmitterMetrics metrics, EmitterOptions options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    private const int StatusCallsInFlight = 4;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FollowAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One round: asks the node about every submitted batch (a few calls at a time), then ends the rows of all the
    /// committed ones in one transaction, so following keeps up with the blocks however many batches each holds.
    /// </summary>
    private async Task FollowAllAsync(CancellationToken stoppingToken)
    {
        var batches = submitted.Snapshot();
        if (batches.Count == 0)
        {
            return;
        }

        var statuses = new TransactionStatus[batches.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batches.Count),
                new ParallelOptions { MaxDegreeOfParallelism = StatusCallsInFlight, CancellationToken = stoppingToken },
                async (i, cancellationToken) => statuses[i] = await node.CallAsync(CoreRpc.TxStatus, new TxStatusParams(batches[i].TxHash), cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcUnreachableException or RpcCallException or HttpRequestException || (ex is TaskCanceledException && !stoppingToken.IsCancellationRequested))
        {
            // The node is away: keep every batch and ask again next round.
            return;
        }

        var finished = new List<(long, string, string?, ulong?, string?, string?)>();
        var included = new List<(SubmittedBatches.Batch Batch, ulong Height)>();
        for (var i = 0; i < batches.Count; i++)
        {
            var (batch, status) = (batches[i], statuses[i]);
            switch (status.Status)
            {
                case TransactionStatuses.Committed:
                    var height = status.BlockHeight ?? 0;
                    Finished(batch, height, OutcomesOf(status, batch.Rows.Count), finished);
                    included.Add((batch, height));
                    break;
                case TransactionStatuses.Rejected:
                    Requeue(batch, status.Status);
                    break;
                case TransactionStatuses.Unknown when time.GetUtcNow().ToUnixTimeMilliseconds() - batch.SubmittedAtMs >= options.LostBatchTimeoutMs:
                    Requeue(batch, status.Status);
                    break;
            }
        }

        if (finished.Count == 0)
        {
            return;
        }

        store.Finish(finished);
        queue.Release(finished.Count);
        foreach (var (batch, height) in included)
        {
            submitted.Remove(batch);
            BatchIncluded(_log, batch.TxHash, height, batch.Rows.Count);
        }
    }

    /// <summary>Each row of a committed batch ends included, or rejected with the reason its block refused it for (counted and logged).</summary>
    private void Finished(
        SubmittedBatches.Batch batch, ulong height, List<ReceiptOutcomeView>? outcomes, List<(long, string, string?, ulong?, string?, string?)> finished)
    {
        for (var i = 0; i < batch.Rows.Count; i++)
        {
            var row = batch.Rows[i];
            if (outcomes?[i] is { Status: ReceiptOutcomeView.RefusedStatus } refused)
            {
                var reason = refused.Reason ?? ReceiptTracking.Rejected;
                var message = $"the block at height {height} refused it ({reason}); it paid nothing";
                finished.Add((row.Seq, ReceiptTracking.Rejected, batch.TxHash, height, reason, message));
                validation.Dropped(row.ReceiptId, row.AgreementId, row.Amount);
                if (ReceiptReasons.Validation.Contains(reason))
                {
                    metrics.NodeRejections.WithLabels(reason).Inc();
                }

                ReceiptRejectionLog.Rejected(_log, reason, "node", row.MarketName, row.ProviderId, row.Nonce.ToString(CultureInfo.InvariantCulture), row.ReceiptId, message);
            }
            else
            {
                finished.Add((row.Seq, ReceiptTracking.Included, batch.TxHash, height, null, null));
                validation.Included(row.ReceiptId, row.AgreementId, row.Amount, height);
            }
        }
    }

    /// <summary>
    /// The batch's outcomes in batch order, aligned with <paramref name="rows"/>: a batch transaction holds the receipts the
    /// node admitted from one forwarder call, in the order sent, which is the rows' queue order. Null when the status carries
    /// no such event or it does not match the rows one to one; then every row counts as included, as the node's
    /// <c>included</c> answer to a resubmission would say.
    /// </summary>
    private static List<ReceiptOutcomeView>? OutcomesOf(TransactionStatus status, int rows)
    {
        if (status.Events?.FirstOrDefault(e => e.Type == MarketReceiptsIncluded.EventName)?.Data is not { } data)
        {
            return null;
        }

        try
        {
            var view = data.Deserialize(ReceiptsJsonContext.Default.ReceiptBatchView);
            return view is { } batch && batch.Outcomes.Count == rows ? [.. batch.Outcomes.OrderBy(o => o.Position)] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Requeue(SubmittedBatches.Batch batch, string status)
    {
        submitted.Lost(batch);
        BatchLost(_log, batch.TxHash, status, batch.Rows.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BatchIncluded tx={TxHash} height={Height} receipts={Receipts}")]
    private static partial void BatchIncluded(ILogger log, string txHash, ulong height, int receipts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BatchLost tx={TxHash} status={Status} receipts={Receipts} action=resend")]
    private static partial void BatchLost(ILogger log, string txHash, string status, int receipts);
}
