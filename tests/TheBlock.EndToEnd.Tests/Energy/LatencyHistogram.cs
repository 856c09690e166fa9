using System.Globalization;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// The cumulative buckets of one Prometheus histogram scraped from a /metrics page, and quantiles of what was observed
/// between two scrapes, interpolated within a bucket as <c>histogram_quantile</c> does.
/// </summary>
public sealed record LatencyHistogram(IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    public static LatencyHistogram Parse(string page, string name)
    {
        var prefix = name + "_bucket{le=\"";
        var buckets = page.Split('\n')
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line =>
            {
                var le = line[prefix.Length..line.IndexOf('"', prefix.Length)];
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                return (bound, double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            })
            .OrderBy(bucket => bucket.bound)
            .ToList();
        return new LatencyHistogram(buckets);
    }

    public static LatencyHistogram operator -(LatencyHistogram after, LatencyHistogram before) =>
        new([.. after.Buckets.Select((bucket, i) => (bucket.UpperBound, bucket.Count - before.Buckets[i].Count))]);

    public static LatencyHistogram operator +(LatencyHistogram left, LatencyHistogram right) =>
        new([.. left.Buckets.Select((bucket, i) => (bucket.UpperBound, bucket.Count + right.Buckets[i].Count))]);

    public double Count => Buckets[^1].Count;

    public double Quantile(double q)
    {
        var rank = q * Count;
        var lower = 0.0;
        var below = 0.0;
        foreach (var (upper, count) in Buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return lower;
                }

                return count == below ? upper : lower + ((upper - lower) * (rank - below) / (count - below));
            }

            lower = upper;
            below = count;
        }

        return lower;
    }
}
