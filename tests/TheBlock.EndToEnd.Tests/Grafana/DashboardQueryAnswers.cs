using System.Text.Json;

namespace TheBlock.EndToEnd.Tests.Grafana;

/// <summary>Every dashboard query against a real Prometheus scraping a devnet with its simulator on.</summary>
public static class DashboardQueryAnswers
{
    /// <summary>
    /// Counters whose series only exist once the event happens: a provider's slashing series appears when a dispute
    /// against it is upheld, which the simulator does only now and then, so a query over them may have no series yet.
    /// </summary>
    private static readonly string[] EventOnlyMetrics = ["energy_slashing_total"];

    /// <summary>
    /// Prometheus must accept each query and, unless it reads only event-only series, answer with at least one series.
    /// A series can lag its first scrape (the oracle and emitter join a moment after the node), so each query gets a
    /// short while to have one.
    /// </summary>
    public static async Task AssertAnsweredAsync(string prometheusUrl)
    {
        var queries = DashboardQuery.All();
        Assert.NotEmpty(queries);
        using var http = new HttpClient();
        foreach (var query in queries)
        {
            var mayBeEmpty = EventOnlyMetrics.Any(metric => query.Expr.Contains(metric, StringComparison.Ordinal));
            var body = string.Empty;
            var accepted = true;
            try
            {
                await Wait.UntilAsync(
                    async () =>
                    {
                        using var response = await http.GetAsync($"{prometheusUrl}/api/v1/query?query={Uri.EscapeDataString(query.Promql)}");
                        body = await response.Content.ReadAsStringAsync();
                        accepted = response.IsSuccessStatusCode;
                        return !accepted || mayBeEmpty || SeriesIn(body) > 0;
                    },
                    TimeSpan.FromSeconds(20),
                    $"a series for {query}");
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{query} has no series: {body}");
            }

            Assert.True(accepted, $"Prometheus refused {query}: {body}");
        }
    }

    private static int SeriesIn(string body)
    {
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("success", answer.RootElement.GetProperty("status").GetString());
        return answer.RootElement.GetProperty("data").GetProperty("result").GetArrayLength();
    }
}
