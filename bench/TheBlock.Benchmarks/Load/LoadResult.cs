using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TheBlock.Benchmarks.Load;

/// <summary>What one phase of the load produced: an outcome and a latency per request.</summary>
public sealed class LoadResult
{
    private readonly double[] _okMilliseconds;

    public LoadResult(LoadGenerator.Outcome[] outcomes, long[] latencyTicks, TimeSpan elapsed, TimeSpan maxSchedulerLag)
    {
        Count = outcomes.Length;
        Elapsed = elapsed;
        MaxSchedulerLag = maxSchedulerLag;
        ByOutcome = outcomes.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        _okMilliseconds = [.. Enumerable.Range(0, Count)
            .Where(i => outcomes[i] == LoadGenerator.Outcome.Ok)
            .Select(i => latencyTicks[i] * 1000.0 / Stopwatch.Frequency)
            .Order()];
    }

    public int Count { get; }

    public int Errors => Count - ByOutcome.GetValueOrDefault(LoadGenerator.Outcome.Ok);

    public TimeSpan Elapsed { get; }

    public TimeSpan MaxSchedulerLag { get; }

    public IReadOnlyDictionary<LoadGenerator.Outcome, int> ByOutcome { get; }

    /// <summary>Nearest-rank percentile of the successful requests' latency, in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (_okMilliseconds.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * _okMilliseconds.Length);
        return _okMilliseconds[Math.Clamp(rank - 1, 0, _okMilliseconds.Length - 1)];
    }

    public string Describe()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var kinds = string.Join(", ", ByOutcome.Where(p => p.Key != LoadGenerator.Outcome.Ok).Select(p => $"{p.Key} {p.Value}"));
        text.AppendLine(inv, $"count {Count}  ok {Count - Errors}  errors {Errors}{(Errors > 0 ? $" ({kinds})" : "")}");
        text.AppendLine(inv, $"elapsed {Elapsed.TotalSeconds:0.00} s  achieved {Count / Elapsed.TotalSeconds:0.0} req/s  max scheduler lag {MaxSchedulerLag.TotalMilliseconds:0.00} ms");
        text.Append(inv, $"latency ms (from intended send time): p50 {Percentile(50):0.00}  p90 {Percentile(90):0.00}  p99 {Percentile(99):0.00}  p99.9 {Percentile(99.9):0.00}  max {(_okMilliseconds.Length > 0 ? _okMilliseconds[^1] : double.NaN):0.00}");
        return text.ToString();
    }
}
