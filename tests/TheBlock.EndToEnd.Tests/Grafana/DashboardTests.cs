using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Grafana;

/// <summary>
/// deploy/grafana without a running Prometheus: every dashboard is wired to the provisioned data source, every query
/// parses in Prometheus's own parser (promtool), and reads only metrics docs/OBSERVABILITY.md says a process exports.
/// PrometheusEndToEndTests then runs each query against a real Prometheus scraping a devnet.
/// </summary>
public sealed partial class DashboardTests
{
    private static readonly string Provisioning = Path.Combine(Executables.RepositoryRoot, "deploy", "grafana", "provisioning");

    [Fact]
    public void There_is_a_dashboard_for_the_node_treasury_energy_and_receipts()
    {
        var files = Directory.GetFiles(DashboardQuery.Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(["energy.json", "node.json", "receipts.json", "treasury.json"], files);
    }

    [Fact]
    public void Every_panel_and_target_uses_the_provisioned_data_source_and_dashboards_have_distinct_uids()
    {
        var dataSourceUid = DataSourceUid().Match(File.ReadAllText(Path.Combine(Provisioning, "datasources.yml"))).Groups[1].Value;
        Assert.NotEmpty(dataSourceUid);
        var dashboardUids = new List<string>();
        foreach (var file in Directory.GetFiles(DashboardQuery.Directory, "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            dashboardUids.Add(dashboard.RootElement.GetProperty("uid").GetString()!);
            var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var panel in panels)
            {
                var where = $"{Path.GetFileName(file)} \"{panel.GetProperty("title").GetString()}\"";
                Assert.True(UidOf(panel) == dataSourceUid, $"{where} uses data source {UidOf(panel)}");
                var targets = panel.GetProperty("targets").EnumerateArray().ToList();
                Assert.True(targets.Count > 0, $"{where} has no query");
                Assert.All(targets, target => Assert.True(UidOf(target) == dataSourceUid, $"{where} target {target.GetProperty("refId")} uses data source {UidOf(target)}"));
            }
        }

        Assert.Equal(dashboardUids.Count, dashboardUids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_dashboard_query_parses_in_promtool()
    {
        var queries = DashboardQuery.All();
        var rules = new StringBuilder("groups:\n  - name: grafana_dashboards\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            rules.Append(FormattableString.Invariant($"      - record: dashboard:query_{i}\n        expr: {JsonSerializer.Serialize(queries[i].Promql)}\n"));
        }

        var file = Path.Combine(Path.GetTempPath(), $"dashboard-queries-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, rules.ToString());
        try
        {
            var result = await ToolProcess.RunAsync(ToolProcess.StartInfo("promtool", ["check", "rules", file]), TimeSpan.FromSeconds(60), "apt-get install prometheus (.ci/run does) and run again");

            // promtool names the rule it could not parse by its index; the list says which panel that is.
            Assert.True(result.ExitCode == 0, $"{result}\n{string.Join('\n', queries.Select((query, i) => $"query_{i}: {query}"))}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Every_metric_a_dashboard_reads_is_one_a_process_exports()
    {
        var documentation = File.ReadAllText(Path.Combine(Executables.RepositoryRoot, "docs", "OBSERVABILITY.md"));
        foreach (var query in DashboardQuery.All())
        {
            foreach (var metric in MetricsIn(query.Promql))
            {
                var exported = metric == "up" || documentation.Contains($"`{metric}`", StringComparison.Ordinal) || documentation.Contains($"`{metric}{{", StringComparison.Ordinal);
                Assert.True(exported, $"{query} reads {metric}, which docs/OBSERVABILITY.md does not list as exported");
            }
        }
    }

    /// <summary>The series names a query selects: what is left once strings, label matchers, windows, grouping clauses, functions and keywords are taken out.</summary>
    private static IEnumerable<string> MetricsIn(string promql)
    {
        var selectors = NotSelectors().Replace(promql, " ");
        return Identifier().Matches(selectors)
            .Select(match => match.Value)
            .Where(name => !Keywords.Contains(name))
            .Select(name => name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^"_bucket".Length] : name)
            .Distinct(StringComparer.Ordinal);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset" };

    private static string UidOf(JsonElement element) => element.GetProperty("datasource").GetProperty("uid").GetString()!;

    [GeneratedRegex(@"^\s*uid:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex DataSourceUid();

    /// <summary>String literals, label matchers, range windows and the label lists of by/without/on/ignoring.</summary>
    [GeneratedRegex(@"""[^""]*""|\{[^}]*\}|\[[^\]]*\]|\b(?:by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex NotSelectors();

    /// <summary>A name not followed by "(" (that would be a function).</summary>
    [GeneratedRegex(@"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()")]
    private static partial Regex Identifier();
}
