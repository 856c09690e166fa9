using TheBlock.Client.Core;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// Follows each submitted batch transaction through <c>tx.status</c> until a committed block holds it, then deletes its
/// rows (their outcome stays for <c>GET /receipts/{id}</c>). A batch the node no longer knows after
/// <see cref="EmitterOptions.LostBatchTimeoutMs"/> (a restart emptied its mempool) or that it dropped is queued again:
/// the node answers <c>included</c> for a receipt a block already holds, so nothing is paid twice and nothing accepted is lost.
/// </summary>
public sealed partial class ReceiptInclusionTracker(
    RpcClient node, ReceiptStore store, ReceiptQueue queue, ValidationState validation, EmitterOptions options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var batch in store.SubmittedBatches())
                {
                    try
                    {
                        await FollowAsync(batch, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is RpcUnreachableException or RpcCallException or HttpRequestException || (ex is TaskCanceledException && !stoppingToken.IsCancellationRequested))
                    {
                        // The node is away: keep every batch and ask again next round.
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowAsync(SubmittedBatch batch, CancellationToken cancellationToken)
    {
        var status = await node.CallAsync(CoreRpc.TxStatus, new TxStatusParams(batch.TxHash), cancellationToken).ConfigureAwait(false);
        switch (status.Status)
        {
            case TransactionStatuses.Committed:
                var rows = store.RowsOf(batch.TxHash);
                var height = status.BlockHeight ?? 0;
                store.Finish([.. rows.Select(row => (row.ReceiptId, ReceiptTracking.Included, (string?)batch.TxHash, (ulong?)height, (string?)null, (string?)null))]);
                foreach (var row in rows)
                {
                    validation.Included(row.ReceiptId, row.AgreementId, row.Amount, height);
                }

                queue.Release(rows.Count);
                BatchIncluded(_log, batch.TxHash, height, rows.Count);
                break;
            case TransactionStatuses.Rejected:
                Requeue(batch, status.Status);
                break;
            case TransactionStatuses.Unknown when time.GetUtcNow().ToUnixTimeMilliseconds() - batch.SubmittedAtMs >= options.LostBatchTimeoutMs:
                Requeue(batch, status.Status);
                break;
        }
    }

    private void Requeue(SubmittedBatch batch, string status)
    {
        var requeued = store.Requeue(batch.TxHash);
        BatchLost(_log, batch.TxHash, status, requeued);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BatchIncluded tx={TxHash} height={Height} receipts={Receipts}")]
    private static partial void BatchIncluded(ILogger log, string txHash, ulong height, int receipts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BatchLost tx={TxHash} status={Status} receipts={Receipts} action=resend")]
    private static partial void BatchLost(ILogger log, string txHash, string status, int receipts);
}
