namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// Every 10 s writes the two lines the runbook greps in <c>oracle.log</c>: an <c>oracle_latency</c> summary (p50, p95,
/// p99 of the readings seen committed in the window) and <c>OracleStats</c> with <c>pending_verifications=</c> and
/// <c>queue_depth=</c>.
/// </summary>
public sealed partial class OracleStatsReporter(OracleMetrics metrics, ReadingQueue queue, InclusionTracker tracker, LatencyWindow window, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly ILogger _log = loggers.CreateLogger("oracle");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var sorted = window.Drain();
                Latency(_log, LatencyWindow.Percentile(sorted, 0.50), LatencyWindow.Percentile(sorted, 0.95), LatencyWindow.Percentile(sorted, 0.99), sorted.Length, Interval.TotalSeconds);
                Stats(_log, (long)metrics.PendingVerifications.Value, queue.Depth, queue.Capacity, tracker.Watching);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "oracle_latency p50={P50:0.000} p95={P95:0.000} p99={P99:0.000} count={Count} window_s={Window}")]
    private static partial void Latency(ILogger log, double p50, double p95, double p99, int count, double window);

    [LoggerMessage(Level = LogLevel.Information, Message = "OracleStats pending_verifications={Pending} queue_depth={Depth} queue_capacity={Capacity} batches_in_flight={InFlight}")]
    private static partial void Stats(ILogger log, long pending, int depth, int capacity, int inFlight);
}
