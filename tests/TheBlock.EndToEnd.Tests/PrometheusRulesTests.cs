using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// deploy/prometheus is part of the product: the configuration and rule files load in the real Prometheus tooling,
/// and every alert has a unit test where it fires and one where it stays silent (promtool test rules).
/// </summary>
public sealed partial class PrometheusRulesTests
{
    private static readonly string Deploy = Path.Combine(Executables.RepositoryRoot, "deploy", "prometheus");

    [Fact]
    public async Task The_configuration_is_valid()
    {
        var result = await PromtoolAsync("check", "config", Path.Combine(Deploy, "prometheus.yml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is valid prometheus config file syntax", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rule_files_are_valid()
    {
        var result = await PromtoolAsync(["check", "rules", .. RuleFiles()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("FAILED", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rule_unit_tests_pass()
    {
        var tests = Directory.GetFiles(Path.Combine(Deploy, "tests"), "*.yml");
        Assert.NotEmpty(tests);

        var result = await PromtoolAsync(["test", "rules", .. tests]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_has_a_test_where_it_fires_and_one_where_it_stays_silent()
    {
        var alerts = RuleFiles().SelectMany(file => AlertName().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)).ToList();
        var tests = string.Join('\n', Directory.GetFiles(Path.Combine(Deploy, "tests"), "*.yml").Select(File.ReadAllText));
        var cases = AlertCase().Matches(tests).Select(m => (Alert: m.Groups[1].Value, Silent: m.Groups[2].Value.Length > 0)).ToList();

        Assert.NotEmpty(alerts);
        foreach (var alert in alerts)
        {
            Assert.True(cases.Contains((alert, false)), $"no test where {alert} fires");
            Assert.True(cases.Contains((alert, true)), $"no test where {alert} stays silent");
        }
    }

    private static string[] RuleFiles() => Directory.GetFiles(Path.Combine(Deploy, "rules"), "*.yml");

    internal static Task<ProcessResult> PromtoolAsync(params string[] args) =>
        ToolProcess.RunAsync(ToolProcess.StartInfo("promtool", args), TimeSpan.FromSeconds(60), "apt-get install prometheus (.ci/run does) and run again");

    [GeneratedRegex(@"^\s*- alert:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    /// <summary>An alert_rule_test case: its alertname, then whether its expected alerts are the empty list.</summary>
    [GeneratedRegex(@"alertname:\s*(\S+)\s*\n\s*exp_alerts:\s*(\[\])?", RegexOptions.Multiline)]
    private static partial Regex AlertCase();
}
