using System.Collections.Concurrent;
using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// Follows each admitted batch transaction until a committed block holds it, then records every reading's fate from
/// the block's events (credit and height, or the chain's reason) and its latency since the oracle received it. A batch
/// the node no longer knows (a restart emptied its mempool) or refused is queued again: while the oracle lives, every
/// accepted reading reaches a block at least once, and the nonce rule makes a second copy harmless.
/// </summary>
public sealed partial class InclusionTracker(
    RpcClient node, ReadingQueue queue, TrackingTable tracking, OracleMetrics metrics, LatencyWindow window, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly ILogger _log = loggers.CreateLogger("oracle");
    private readonly ConcurrentDictionary<string, ConcurrentQueue<QueuedReading>> _watched = new(StringComparer.Ordinal);

    /// <summary>Batch transactions not yet seen committed.</summary>
    public int Watching => _watched.Count;

    public void Watch(string txHash, QueuedReading reading) => _watched.GetOrAdd(txHash, _ => new ConcurrentQueue<QueuedReading>()).Enqueue(reading);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var txHash in _watched.Keys)
                {
                    try
                    {
                        await FollowAsync(txHash, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is RpcUnreachableException or RpcCallException or HttpRequestException || (ex is TaskCanceledException && !stoppingToken.IsCancellationRequested))
                    {
                        // The node is away: keep every watch and ask again next round.
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowAsync(string txHash, CancellationToken cancellationToken)
    {
        var status = await node.CallAsync(CoreRpc.TxStatus, new TxStatusParams(txHash), cancellationToken).ConfigureAwait(false);
        switch (status.Status)
        {
            case TransactionStatuses.Committed:
                if (_watched.TryRemove(txHash, out var readings))
                {
                    Record(txHash, status, [.. readings]);
                }

                break;
            case TransactionStatuses.Rejected or TransactionStatuses.Unknown:
                if (_watched.TryRemove(txHash, out var lost))
                {
                    Requeue(txHash, status.Status, [.. lost]);
                }

                break;
        }
    }

    private void Record(string txHash, TransactionStatus status, List<QueuedReading> readings)
    {
        var height = status.BlockHeight ?? 0;
        var outcomes = new Dictionary<(string, string, ulong), (ulong? CreditId, string? Reason)>();
        foreach (var chainEvent in status.Events ?? [])
        {
            if (chainEvent.Data is not { ValueKind: JsonValueKind.Object } data
                || chainEvent.Type is not (EnergyReadingAccepted.EventName or EnergyReadingRejected.EventName))
            {
                continue;
            }

            var key = (data.GetProperty("provider_id").GetString()!, data.GetProperty("meter").GetString()!, data.GetProperty("nonce").GetUInt64());
            outcomes.TryAdd(key, chainEvent.Type == EnergyReadingAccepted.EventName
                ? (data.TryGetProperty("credit_id", out var credit) && credit.ValueKind == JsonValueKind.Number ? credit.GetUInt64() : null, null)
                : (null, data.GetProperty("reason").GetString()));
        }

        var now = time.GetTimestamp();
        foreach (var reading in readings)
        {
            var seconds = time.GetElapsedTime(reading.ReceivedTimestamp, now).TotalSeconds;
            metrics.Latency.Observe(seconds);
            window.Add(seconds);
            var r = reading.Reading;
            if (outcomes.TryGetValue((r.ProviderId, r.Meter, r.Nonce), out var outcome) && outcome.Reason is { } reason)
            {
                tracking.Rejected(reading, txHash, height, reason, $"the block at height {height} refused the reading: {reason}");
                ReadingRejectionLog.Rejected(_log, "block", reason, r.ProviderId, r.Meter, r.Nonce, $"in the block at height {height}");
            }
            else
            {
                tracking.Included(reading, txHash, height, outcome.CreditId);
            }
        }
    }

    private void Requeue(string txHash, string status, List<QueuedReading> readings)
    {
        BatchLost(_log, txHash, status, readings.Count);
        foreach (var reading in readings)
        {
            if (!queue.TryEnqueue(reading.Resend()))
            {
                // Full: watch the lost hash again and retry the requeue next round rather than drop an accepted reading.
                Watch(txHash, reading);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BatchLost tx={TxHash} status={Status} readings={Readings}; sending them again")]
    private static partial void BatchLost(ILogger log, string txHash, string status, int readings);
}
