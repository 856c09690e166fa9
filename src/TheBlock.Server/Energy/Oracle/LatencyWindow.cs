namespace TheBlock.Server.Energy.Oracle;

/// <summary>The latencies observed since the last summary, for the <c>oracle_latency</c> log line's percentiles.</summary>
public sealed class LatencyWindow
{
    private readonly Lock _gate = new();
    private List<double> _seconds = [];

    public void Add(double seconds)
    {
        lock (_gate)
        {
            _seconds.Add(seconds);
        }
    }

    /// <summary>The window's observations, sorted, and a fresh window.</summary>
    public double[] Drain()
    {
        List<double> drained;
        lock (_gate)
        {
            drained = _seconds;
            _seconds = [];
        }

        var sorted = drained.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The nearest-rank percentile of sorted values; 0 for none.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
