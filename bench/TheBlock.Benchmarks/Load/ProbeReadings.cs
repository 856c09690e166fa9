using System.Globalization;

namespace TheBlock.Benchmarks.Load;

/// <summary>What the load tools read while they run: flags, a Prometheus gauge, a process's RSS, percentiles, a once-a-second tick.</summary>
public static class ProbeReadings
{
    public static string? Text(string[] args, string name, string? defaultValue)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : defaultValue;
    }

    public static int Number(string[] args, string name, int defaultValue) =>
        Text(args, name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    /// <summary>The value of an unlabelled series in a Prometheus text page, or null when the page lacks it.</summary>
    public static double? Gauge(string page, string series)
    {
        var line = page.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The resident set of process <paramref name="pid"/> in MiB, from /proc; null without a pid or once it is gone.</summary>
    public static double? RssMiB(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The CPU time (user + system) process <paramref name="pid"/> has used, in seconds, from /proc; null without a pid or once it is gone.</summary>
    public static double? CpuSeconds(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            // Fields 14 and 15 of /proc/PID/stat count clock ticks (100 per second on Linux); the command name (field 2) may hold spaces, so count after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The nearest-rank percentile of sorted values (NaN when there are none).</summary>
    public static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];

    /// <summary>The next tick of <paramref name="timer"/>, false once <paramref name="stop"/> is cancelled.</summary>
    public static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
