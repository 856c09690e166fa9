using TheBlock.Server.Devnet;

namespace TheBlock.Server.Tests.Devnet;

public sealed class PrometheusDurationsTests
{
    [Theory]
    [InlineData("rate(x[5m]) > 1", 10, "rate(x[30s]) > 1")]
    [InlineData("increase(x[1m]) == 0", 10, "increase(x[6s]) == 0")]
    [InlineData("rate(x[1h])", 10, "rate(x[6m])")]
    [InlineData("max_over_time(rate(x[5m])[1h:1m])", 10, "max_over_time(rate(x[30s])[6m:6s])")]
    [InlineData("max_over_time(x[10m:])", 4, "max_over_time(x[2m30s:])")]
    [InlineData("x offset 10m > 0", 10, "x offset 1m > 0")]
    [InlineData("rate(x[1m30s])", 3, "rate(x[30s])")]
    [InlineData("rate(x[1s])", 10, "rate(x[100ms])")]
    [InlineData("rate(x[5m])", 1, "rate(x[5m])")]
    public void Divide_scales_range_selectors_subqueries_and_offsets(string expression, int factor, string expected) =>
        Assert.Equal(expected, PrometheusDurations.Divide(expression, factor));

    [Fact]
    public void Divide_scales_for_clauses_but_no_threshold()
    {
        const string Rule = """
              - alert: OracleLatencyHigh
                expr: oracle_latency_seconds_p95 > 10
                for: 5m
                keep_firing_for: 1m
                annotations:
                  summary: "above 10 s for 5 minutes"
            """;

        var divided = PrometheusDurations.Divide(Rule, 10);

        Assert.Contains("for: 30s\n", divided, StringComparison.Ordinal);
        Assert.Contains("keep_firing_for: 6s\n", divided, StringComparison.Ordinal);
        Assert.Contains("oracle_latency_seconds_p95 > 10\n", divided, StringComparison.Ordinal);
        Assert.Contains("above 10 s for 5 minutes", divided, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250ms", 250)]
    public void Milliseconds_reads_prometheus_spans(string span, long ms) => Assert.Equal(ms, PrometheusDurations.Milliseconds(span));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_600_000, "1h")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(0, "0s")]
    public void Format_spells_the_shortest_exact_span(long ms, string span) => Assert.Equal(span, PrometheusDurations.Format(ms));

    [Fact]
    public void Divide_refuses_a_factor_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrometheusDurations.Divide("rate(x[5m])", 0));
}
