using System.Text.Json;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>The alerts a real Prometheus holds active, from its <c>/api/v1/alerts</c>.</summary>
public static class PrometheusAlerts
{
    /// <summary>Each pending or firing alert as <c>Name{label=value,…} state</c>, labels in name order, without <c>alertname</c>.</summary>
    public static async Task<List<string>> ActiveAsync(string prometheusUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var answer = JsonDocument.Parse(await http.GetStringAsync($"{prometheusUrl}/api/v1/alerts"));
        return [.. answer.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(Describe)];
    }

    private static string Describe(JsonElement alert)
    {
        var labels = alert.GetProperty("labels").EnumerateObject()
            .Where(label => label.Name != "alertname")
            .OrderBy(label => label.Name, StringComparer.Ordinal)
            .Select(label => $"{label.Name}={label.Value.GetString()},");
        return $"{alert.GetProperty("labels").GetProperty("alertname").GetString()}{{{string.Concat(labels)}}} {alert.GetProperty("state").GetString()}";
    }
}
