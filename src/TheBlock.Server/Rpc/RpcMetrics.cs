using Prometheus;

namespace TheBlock.Server.Rpc;

/// <summary>The RPC layer's metrics. Series are made per registered method up front, so the label set stays bounded.</summary>
internal sealed class RpcMetrics
{
    /// <summary>The method label of calls that name no registered method (and of requests that never got that far).</summary>
    public const string UnknownMethod = "unknown";

    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram _duration;
    private readonly Counter _requests;

    public RpcMetrics(IMetricFactory factory)
    {
        _duration = factory.CreateHistogram(
            "rpc_request_duration_seconds",
            "Time to answer one JSON-RPC call, including auth, the handler and writing its result.",
            ["method"],
            new HistogramConfiguration { Buckets = DurationBuckets });
        _requests = factory.CreateCounter(
            "rpc_requests_total",
            "JSON-RPC calls answered, by method and outcome (ok or error).",
            ["method", "outcome"]);
    }

    public Method For(string method) => new(
        _requests.WithLabels(method, "ok"),
        _requests.WithLabels(method, "error"),
        _duration.WithLabels(method));

    internal sealed class Method(Counter.Child ok, Counter.Child error, Histogram.Child duration)
    {
        public void Record(bool succeeded, TimeSpan elapsed)
        {
            (succeeded ? ok : error).Inc();
            duration.Observe(elapsed.TotalSeconds);
        }
    }
}
