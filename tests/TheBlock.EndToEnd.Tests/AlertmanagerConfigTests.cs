using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// deploy/alertmanager is part of the product: its configuration loads in the real Alertmanager tooling (amtool), and
/// every alert rule of deploy/prometheus reaches the receiver the runbook names for its severity: CRITICAL pages
/// on-call, WARNING creates a ticket.
/// </summary>
public sealed partial class AlertmanagerConfigTests
{
    [Fact]
    public async Task The_configuration_is_valid()
    {
        var result = await AmtoolAsync("check-config", AlertmanagerProcess.DeployedConfig);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SUCCESS", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critical", "page")]
    [InlineData("warning", "ticket")]
    public async Task A_severity_routes_to_the_runbooks_receiver(string severity, string receiver)
    {
        Assert.Equal(receiver, await RouteAsync("alertname=AnyAlert", $"severity={severity}"));
    }

    [Fact]
    public async Task Every_alert_rule_routes_by_its_severity_and_names_its_runbook_section()
    {
        var rules = Directory.GetFiles(Path.Combine(Executables.RepositoryRoot, "deploy", "prometheus", "rules"), "*.yml")
            .SelectMany(file => AlertRule().Matches(File.ReadAllText(file)))
            .ToList();
        Assert.NotEmpty(rules);

        foreach (var rule in rules)
        {
            var alert = rule.Groups["alert"].Value;
            var body = rule.Groups["body"].Value;
            var severity = Severity().Match(body);
            Assert.True(severity.Success, $"{alert} has no severity label");
            Assert.True(Runbook().IsMatch(body), $"{alert} has no runbook annotation for the receiver to open");
            var expected = severity.Groups[1].Value switch
            {
                "critical" => "page",
                "warning" => "ticket",
                var other => throw new Xunit.Sdk.XunitException($"{alert} has severity {other}, which the runbook does not route"),
            };
            Assert.True(await RouteAsync($"alertname={alert}", $"severity={severity.Groups[1].Value}") == expected, $"{alert} does not reach {expected}");
        }
    }

    /// <summary>The receiver the deployed routing tree picks for an alert with <paramref name="labels"/>.</summary>
    private static async Task<string> RouteAsync(params string[] labels)
    {
        var result = await AmtoolAsync(["config", "routes", "test", $"--config.file={AlertmanagerProcess.DeployedConfig}", .. labels]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    private static Task<ProcessResult> AmtoolAsync(params string[] args) =>
        ToolProcess.RunAsync(ToolProcess.StartInfo("amtool", args), TimeSpan.FromSeconds(60), AlertmanagerProcess.InstallHint);

    /// <summary>An alerting rule: its name, then its text up to the next rule or group.</summary>
    [GeneratedRegex(@"^\s*- alert:\s*(?<alert>\S+)(?<body>(?:\n(?!\s*- (?:alert|record|name):).*)*)", RegexOptions.Multiline)]
    private static partial Regex AlertRule();

    [GeneratedRegex(@"^\s*severity:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex Severity();

    [GeneratedRegex(@"^\s*runbook:\s*\S", RegexOptions.Multiline)]
    private static partial Regex Runbook();
}
