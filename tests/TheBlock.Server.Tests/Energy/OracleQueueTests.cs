using Prometheus;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Protocol.Energy;
using TheBlock.Server.Energy.Oracle;
using TheBlock.Testing.Energy;

namespace TheBlock.Server.Tests.Energy;

/// <summary>The oracle's bounded queue, the claim a queued reading carries, its tracking table and its latency window.</summary>
public class OracleQueueTests
{
    private static QueuedReading Queued(ulong nonce = 1)
    {
        var message = SignedReading.SigningMessage("p", "m", 1, 1, nonce);
        return new QueuedReading(new SignedReading("p", "m", 1, 1, nonce, EnergyScenario.MeterKey.Sign(message)), $"trk_{nonce}", 0);
    }

    [Fact]
    public void The_queue_refuses_past_its_capacity_and_publishes_its_depth()
    {
        var metrics = new OracleMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        var queue = new ReadingQueue(new OracleOptions { QueueCapacity = 2 }, metrics);

        Assert.True(queue.TryEnqueue(Queued(1)));
        Assert.True(queue.TryEnqueue(Queued(2)));
        Assert.False(queue.TryEnqueue(Queued(3)));
        Assert.Equal(2, queue.Depth);
        Assert.Equal(2, metrics.QueueDepth.Value);
        queue.Taken(2);
        Assert.Equal(0, metrics.QueueDepth.Value);
    }

    [Fact]
    public void A_reading_given_up_on_is_never_sent_and_one_in_flight_cannot_be_given_up()
    {
        var abandoned = Queued(1);
        var sent = Queued(2);

        Assert.True(abandoned.TryAbandon());
        Assert.False(abandoned.TryStartSending());
        Assert.True(sent.TryStartSending());
        Assert.False(sent.TryAbandon());
        sent.SendFailed();
        Assert.True(sent.TryAbandon());
    }

    [Fact]
    public void The_tracking_table_follows_a_reading_and_forgets_the_oldest_past_its_capacity()
    {
        var table = new TrackingTable(new OracleOptions { TrackingCapacity = 2 });
        var first = Queued(1);

        table.Pending(first, "aa");
        table.Included(first, "aa", 7, 3);
        table.Pending(Queued(2), "bb");
        table.Rejected(Queued(3), "cc", 8, EnergyReasons.NonceReplay, "replayed");

        Assert.Null(table.Get("trk_1"));
        Assert.Equal(TrackingView.Pending, table.Get("trk_2")!.Status);
        Assert.Equal(EnergyReasons.NonceReplay, table.Get("trk_3")!.Reason);
    }

    [Fact]
    public void The_latency_window_gives_nearest_rank_percentiles_and_starts_afresh()
    {
        var window = new LatencyWindow();
        foreach (var seconds in Enumerable.Range(1, 100))
        {
            window.Add(seconds);
        }

        var sorted = window.Drain();

        Assert.Equal(50, LatencyWindow.Percentile(sorted, 0.50));
        Assert.Equal(95, LatencyWindow.Percentile(sorted, 0.95));
        Assert.Equal(99, LatencyWindow.Percentile(sorted, 0.99));
        Assert.Empty(window.Drain());
        Assert.Equal(0, LatencyWindow.Percentile([], 0.95));
    }

    [Fact]
    public void Oracle_options_report_every_problem()
    {
        var problems = new OracleOptions { NodeRpcUrl = "ftp://x", BatchSize = 0, QueueCapacity = 0 }.Problems();

        Assert.Contains(problems, p => p.Contains("--node-rpc", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("oracle token", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("batch size is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("queue capacity is 0", StringComparison.Ordinal));
    }
}
