using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TheBlock.Server.Devnet;

/// <summary>
/// Divides every time span of a Prometheus rules file by a factor: range selectors (<c>[5m]</c>), subquery steps,
/// <c>offset</c>s and the <c>for:</c> / <c>keep_firing_for:</c> of alerts. Thresholds are left alone: a latency of
/// 10 s or a rate of one failure a second means the same on a faster chain.
/// </summary>
public static partial class PrometheusDurations
{
    private static readonly (string Unit, long Ms)[] Units =
    [
        ("y", 365L * 24 * 3_600_000), ("w", 7L * 24 * 3_600_000), ("d", 24L * 3_600_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ];

    public static string Divide(string rules, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
        {
            return rules;
        }

        var ranged = RangeSelector().Replace(rules, match => $"[{Scaled(match.Groups["range"].Value, factor)}{(match.Groups["step"].Success ? ":" + Scaled(match.Groups["step"].Value, factor) : match.Groups["colon"].Value)}]");
        var offset = Offset().Replace(ranged, match => $"{match.Groups["keyword"].Value}{Scaled(match.Groups["span"].Value, factor)}");
        return ForClause().Replace(offset, match => $"{match.Groups["key"].Value}{Scaled(match.Groups["span"].Value, factor)}");
    }

    /// <summary>A span in milliseconds, e.g. <c>1h30m</c> → 5 400 000.</summary>
    public static long Milliseconds(string span)
    {
        var total = 0L;
        foreach (Match part in Part().Matches(span))
        {
            var unit = Units.First(u => u.Unit == part.Groups["unit"].Value);
            total += long.Parse(part.Groups["count"].Value, CultureInfo.InvariantCulture) * unit.Ms;
        }

        return total;
    }

    /// <summary>The shortest exact Prometheus spelling of <paramref name="ms"/>, e.g. 90 000 → <c>1m30s</c>.</summary>
    public static string Format(long ms)
    {
        if (ms == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        foreach (var (unit, size) in Units)
        {
            if (ms >= size)
            {
                text.Append(CultureInfo.InvariantCulture, $"{ms / size}{unit}");
                ms %= size;
            }
        }

        return text.ToString();
    }

    private static string Scaled(string span, int factor) => Format(Math.Max(1, Milliseconds(span) / factor));

    private const string Span = @"(?:\d+(?:ms|[smhdwy]))+";

    [GeneratedRegex(@"\[(?<range>" + Span + @")(?:(?<colon>:)(?<step>" + Span + @")?)?\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex(@"(?<keyword>\boffset\s+)(?<span>" + Span + @")\b")]
    private static partial Regex Offset();

    [GeneratedRegex(@"(?<key>^\s*(?:for|keep_firing_for):\s*)(?<span>" + Span + @")\s*$", RegexOptions.Multiline)]
    private static partial Regex ForClause();

    [GeneratedRegex(@"(?<count>\d+)(?<unit>ms|[smhdwy])")]
    private static partial Regex Part();
}
