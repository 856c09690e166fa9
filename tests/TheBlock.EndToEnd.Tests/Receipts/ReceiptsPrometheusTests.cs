using System.Globalization;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A real Prometheus with deploy/prometheus's configuration scrapes a devnet's node and its receipt-emitter, and every
/// PromQL expression of the runbook's "Receipts Flatlining" section is accepted and answered with the devnet's real
/// series; the lines of steps 1, 2 and 4 that print one value go through the runbook's helper (scripts/prometheus_query.sh).
/// </summary>
public sealed class ReceiptsPrometheusTests
{
    [Fact]
    public async Task Every_query_of_the_runbook_section_is_answered_with_real_series_for_each_market_and_reason()
    {
        await using var devnet = await DevnetProcess.StartAsync();
        var port = FreePort.Next();
        using var prometheus = PrometheusEndToEndTests.StartPrometheus(await PrometheusEndToEndTests.WriteConfigAsync(devnet), port);
        using var http = new HttpClient();
        try
        {
            var url = $"http://127.0.0.1:{port}";
            await Wait.UntilAsync(
                async () => await PrometheusEndToEndTests.QueryAsync(url, "up{job=\"the-block-receipt-emitter\"}") == "1" ? "scraped" : null,
                TimeSpan.FromSeconds(60),
                "Prometheus to scrape the devnet's receipt-emitter",
                devnet.Diagnostics);

            // Step 1: a positive emission rate for every market, once each has receipts in two scrapes' blocks.
            var rates = await Wait.UntilAsync(
                async () =>
                {
                    var series = await SeriesAsync(http, url, ReceiptsRunbook.Queries[0]);
                    return ReceiptsRunbookFixture.Markets.All(market => series.GetValueOrDefault($"market={market}") > 0) ? series : null;
                },
                TimeSpan.FromSeconds(90),
                "a positive rate(receipt_emitted_total[1m]) for energy, storage, compute and ad",
                devnet.Diagnostics);
            Assert.Equal(ReceiptsRunbookFixture.Markets.Order(), rates.Keys.Select(key => key["market=".Length..]).Order());
            Assert.Empty(await SeriesAsync(http, url, "increase(receipt_emitted_total[10m]) == 0"));

            // Step 2 and the resolution's monitor: every reason has a series (the node's and the emitter's).
            Assert.NotEmpty(await SeriesAsync(http, url, "rate(receipt_validation_errors_total[5m])"));
            Assert.NotEmpty(await SeriesAsync(http, url, "receipt_validation_errors_total"));
            foreach (var reason in new[] { "schema_mismatch", "duplicate_detection", "signature_invalid", "agreement_invalid", "insufficient_funds" })
            {
                var query = $"receipt_validation_errors_total{{reason=\"{reason}\"}}";
                Assert.True((await SeriesAsync(http, url, query)).Count >= 2, $"{query} should answer for the node and the emitter");
            }

            // Step 4: blocks are being made.
            var progression = await Wait.UntilAsync(
                async () => PrometheusEndToEndTests.Number(await PrometheusEndToEndTests.QueryAsync(url, "increase(block_height_total[50m])")) is { } value && value > 0 ? (object)value : null,
                TimeSpan.FromSeconds(30),
                "a positive increase(block_height_total[50m])");
            Assert.True((double)progression > 0);

            // The same lines as an operator types them, through the runbook's scalar helper.
            foreach (var query in ReceiptsRunbook.Queries.Where(query => !query.EndsWith("== 0", StringComparison.Ordinal)))
            {
                Assert.True(PrometheusEndToEndTests.Number(await PrometheusEndToEndTests.QueryAsync(url, query)) is >= 0, $"prometheus_query '{query}' printed no number");
            }

            Assert.Equal("no data", await PrometheusEndToEndTests.QueryAsync(url, "increase(receipt_emitted_total[10m]) == 0"));

            // Steps 1 and 2 pipe the answer into jq '.data.result[]', which needs the whole answer: the helper's variant.
            var perMarket = (await PrometheusEndToEndTests.QueryJqAsync(url, ReceiptsRunbook.Queries[0], ".data.result[] | {market: .metric.market, rate: .value[1]}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("market").GetString())
                .ToList();
            Assert.Equal(ReceiptsRunbookFixture.Markets.Order(), perMarket.Order());
            Assert.Equal(string.Empty, await PrometheusEndToEndTests.QueryJqAsync(url, "increase(receipt_emitted_total[10m]) == 0", ".data.result[].metric"));
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    /// <summary>The answer's series as "label=value" of their distinguishing label (market, else reason and job) → value; fails unless Prometheus accepted the query.</summary>
    private static async Task<Dictionary<string, double>> SeriesAsync(HttpClient http, string url, string query)
    {
        var body = await http.GetStringAsync($"{url}/api/v1/query?query={Uri.EscapeDataString(query)}");
        using var answer = JsonDocument.Parse(body);
        Assert.True(answer.RootElement.GetProperty("status").GetString() == "success", $"{query} → {body}");
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var result in answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var metric = result.GetProperty("metric");
            var key = metric.TryGetProperty("market", out var market)
                ? $"market={market.GetString()}"
                : string.Join(',', metric.EnumerateObject().Where(label => label.Name is "reason" or "job").Select(label => $"{label.Name}={label.Value.GetString()}"));
            series[key] = double.Parse(result.GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return series;
    }
}
