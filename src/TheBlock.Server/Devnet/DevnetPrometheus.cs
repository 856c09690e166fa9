using System.Reflection;
using System.Text;

namespace TheBlock.Server.Devnet;

/// <summary>
/// Writes <c>{data-dir}/prometheus/</c> at every devnet start: deploy/prometheus's configuration (built into this
/// binary) scraping the devnet's own metrics listeners, and deploy/prometheus's rules with their windows divided by the
/// devnet's <see cref="AlertTimeScale"/>, so a drill's alert fires, and clears, in devnet time. Only the roles the devnet
/// runs are scraped. Rewritten at each start: edits belong in deploy/prometheus.
/// </summary>
public static class DevnetPrometheus
{
    public const string DirectoryName = "prometheus";
    public const string ConfigFileName = "prometheus.yml";

    /// <summary>The scrape job of a role in deploy/prometheus/prometheus.yml, e.g. <c>the-block-energy-oracle</c>.</summary>
    public static string JobName(string role) => "the-block-" + role;

    private const string ResourcePrefix = "deploy/prometheus/";
    private const string JobPrefix = "  - job_name: ";
    private static readonly TimeSpan DeployedInterval = TimeSpan.FromSeconds(5);

    /// <summary>Writes the configuration and rules; <paramref name="targets"/> maps a job name (<see cref="JobName"/>) to the host:port it scrapes.</summary>
    /// <returns>The configuration file's full path.</returns>
    public static string Write(string dataDir, int timeScale, IReadOnlyDictionary<string, string> targets)
    {
        var root = Path.GetFullPath(Path.Combine(dataDir, DirectoryName));
        var rulesDir = Path.Combine(root, "rules");
        Directory.CreateDirectory(rulesDir);
        foreach (var stale in Directory.GetFiles(rulesDir, "*.yml"))
        {
            File.Delete(stale);
        }

        foreach (var (name, text) in DeployedRules())
        {
            var ruleHeader = $"# Written by `the-block devnet` from deploy/prometheus/rules/{name}, every window, offset and for: divided by {timeScale}\n" +
                "# (the devnet's alert time scale, docs/OBSERVABILITY.md \"Alerts on a devnet\"); rewritten at each start.\n";
            File.WriteAllText(Path.Combine(rulesDir, name), ruleHeader + PrometheusDurations.Divide(text, timeScale));
        }

        var config = Path.Combine(root, ConfigFileName);
        var header = $"# Written by `the-block devnet` from deploy/prometheus/prometheus.yml for this devnet's listeners, alert time scale {timeScale};\n" +
            "# rewritten at each start. Run: prometheus --config.file=<this file> --storage.tsdb.path=<its directory>/data\n";
        File.WriteAllText(config, header + Configure(Resource(ResourcePrefix + ConfigFileName), timeScale, targets));
        return config;
    }

    /// <summary>The deployed configuration with <paramref name="targets"/>' jobs pointed at their listeners, the others left out, and intervals divided by the time scale (1 s at least).</summary>
    public static string Configure(string deployed, int timeScale, IReadOnlyDictionary<string, string> targets)
    {
        var interval = PrometheusDurations.Format((long)Math.Max(1_000, DeployedInterval.TotalMilliseconds / timeScale));
        var output = new StringBuilder();
        string? job = null;
        foreach (var line in deployed.Split('\n'))
        {
            if (line.StartsWith(JobPrefix, StringComparison.Ordinal))
            {
                job = line[JobPrefix.Length..].Trim();
            }
            else if (job is not null && !line.StartsWith("    ", StringComparison.Ordinal) && line.Trim().Length > 0)
            {
                job = null;
            }

            if (job is not null && !targets.ContainsKey(job))
            {
                continue;
            }

            output.Append(Rewrite(line, job, interval, targets)).Append('\n');
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    private static string Rewrite(string line, string? job, string interval, IReadOnlyDictionary<string, string> targets)
    {
        var trimmed = line.TrimStart();
        var indent = line[..(line.Length - trimmed.Length)];
        if (job is not null && trimmed.StartsWith("- targets:", StringComparison.Ordinal))
        {
            return $"{indent}- targets: [\"{targets[job]}\"]";
        }

        if (job is null && (trimmed.StartsWith("scrape_interval:", StringComparison.Ordinal) || trimmed.StartsWith("evaluation_interval:", StringComparison.Ordinal)))
        {
            return $"{indent}{trimmed[..(trimmed.IndexOf(':', StringComparison.Ordinal) + 1)]} {interval}";
        }

        return line;
    }

    private static IEnumerable<(string Name, string Text)> DeployedRules() =>
        typeof(DevnetPrometheus).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix + "rules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (Path.GetFileName(name), Resource(name)));

    private static string Resource(string name)
    {
        using var stream = typeof(DevnetPrometheus).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not built into {typeof(DevnetPrometheus).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
