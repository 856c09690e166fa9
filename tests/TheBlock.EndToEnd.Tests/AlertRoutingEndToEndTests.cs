using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// A real Alertmanager with deploy/alertmanager's routing, its two webhooks pointed at a receiver in the test: a critical
/// alert arrives at the paging webhook, a warning at the ticket webhook, each with its runbook section in the payload
/// (<c>alerts[].annotations.runbook</c>), as a receiver needs to open the right page of the runbook.
/// </summary>
public sealed partial class AlertRoutingEndToEndTests
{
    private const string PagePlaceholder = "https://pager.example.invalid/the-block/page";
    private const string TicketPlaceholder = "https://tickets.example.invalid/the-block/ticket";

    [Fact]
    public async Task A_critical_alert_pages_and_a_warning_opens_a_ticket_each_naming_its_runbook_section()
    {
        using var receiver = new WebhookReceiver();
        await using var alertmanager = await AlertmanagerProcess.StartAsync(await TestConfigAsync(receiver));

        using var http = new HttpClient();
        var posted = await http.PostAsync($"{alertmanager.Url}/api/v2/alerts", JsonContent.Create(new JsonArray(
            Alert("TreasuryBacklogCritical", "critical", "RUNBOOK.md#treasury-stuck"),
            Alert("ChainIndexFailing", "warning", "docs/OPERATIONS.md#failure-handling"))));
        Assert.True(posted.IsSuccessStatusCode, $"POST /api/v2/alerts: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

        await Wait.UntilAsync(
            () => receiver.ReceivedAt("/page").Count > 0 && receiver.ReceivedAt("/ticket").Count > 0,
            TimeSpan.FromSeconds(30),
            "a page and a ticket",
            () => $"{receiver.Describe()}\n{alertmanager.Diagnostics()}");

        AssertNotified(receiver.ReceivedAt("/page"), "page", "TreasuryBacklogCritical", "RUNBOOK.md#treasury-stuck");
        AssertNotified(receiver.ReceivedAt("/ticket"), "ticket", "ChainIndexFailing", "docs/OPERATIONS.md#failure-handling");
    }

    /// <summary>Every notification at one webhook came from <paramref name="receiverName"/> and carries only <paramref name="alertName"/>, with its runbook section.</summary>
    private static void AssertNotified(IReadOnlyList<JsonElement> notifications, string receiverName, string alertName, string runbook)
    {
        foreach (var notification in notifications)
        {
            Assert.Equal(receiverName, notification.GetProperty("receiver").GetString());
            var alert = Assert.Single(notification.GetProperty("alerts").EnumerateArray());
            Assert.Equal("firing", alert.GetProperty("status").GetString());
            Assert.Equal(alertName, alert.GetProperty("labels").GetProperty("alertname").GetString());
            Assert.Equal(runbook, alert.GetProperty("annotations").GetProperty("runbook").GetString());
        }
    }

    /// <summary>An alert as Prometheus posts it: labels identify it, annotations describe it.</summary>
    private static JsonObject Alert(string name, string severity, string runbook) => new()
    {
        ["labels"] = new JsonObject { ["alertname"] = name, ["severity"] = severity },
        ["annotations"] = new JsonObject { ["summary"] = $"{name} (routing test)", ["runbook"] = runbook },
        ["startsAt"] = DateTimeOffset.UtcNow.ToString("O"),
    };

    /// <summary>
    /// The deployed configuration with its placeholder webhooks replaced by <paramref name="receiver"/>'s, as an operator
    /// replaces them, and its waits shortened so the first notification leaves within a second.
    /// </summary>
    internal static async Task<string> TestConfigAsync(WebhookReceiver receiver)
    {
        var config = await File.ReadAllTextAsync(AlertmanagerProcess.DeployedConfig);
        Assert.Contains(PagePlaceholder, config, StringComparison.Ordinal);
        Assert.Contains(TicketPlaceholder, config, StringComparison.Ordinal);
        config = config
            .Replace(PagePlaceholder, receiver.UrlFor("/page"), StringComparison.Ordinal)
            .Replace(TicketPlaceholder, receiver.UrlFor("/ticket"), StringComparison.Ordinal);
        return GroupWait().Replace(config, "${key}: 1s");
    }

    [GeneratedRegex(@"(?<key>group_wait|group_interval):\s*\S+")]
    private static partial Regex GroupWait();
}
