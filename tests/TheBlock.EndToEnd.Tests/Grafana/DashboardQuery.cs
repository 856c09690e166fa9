using System.Text.Json;
using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Grafana;

/// <summary>One panel target of a dashboard in deploy/grafana/dashboards: the PromQL Grafana sends, as Prometheus receives it.</summary>
public sealed partial record DashboardQuery(string Dashboard, string Panel, string Expr)
{
    public static string Directory => Path.Combine(Executables.RepositoryRoot, "deploy", "grafana", "dashboards");

    /// <summary>
    /// Grafana fills these in from the panel's time range and the scrape interval before it queries; Prometheus would
    /// refuse them as written, so the tests put in what Grafana would send for the last hour of a 1 s-scraped devnet.
    /// </summary>
    private static readonly Dictionary<string, string> GrafanaWindows = new(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "1m",
        ["__interval"] = "1m",
        ["__range"] = "1h",
    };

    /// <summary><see cref="Expr"/> with Grafana's variables replaced; a variable this table does not know is left as it is, so Prometheus refuses it and the test says which.</summary>
    public string Promql => GrafanaVariable().Replace(Expr, match => GrafanaWindows.GetValueOrDefault(match.Groups["name"].Value, match.Value));

    /// <summary>Where to look when this query fails.</summary>
    public override string ToString() => $"{Dashboard} \"{Panel}\": {Expr}";

    public static IReadOnlyList<DashboardQuery> All()
    {
        var queries = new List<DashboardQuery>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            {
                var title = panel.GetProperty("title").GetString()!;
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    queries.Add(new DashboardQuery(Path.GetFileName(file), title, target.GetProperty("expr").GetString()!));
                }
            }
        }

        return queries;
    }

    [GeneratedRegex(@"\$\{?(?<name>\w+)\}?")]
    private static partial Regex GrafanaVariable();
}
