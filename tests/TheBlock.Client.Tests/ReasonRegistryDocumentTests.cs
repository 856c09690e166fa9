using System.Text.RegularExpressions;
using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Client.Receipts;
using TheBlock.Client.Treasury;

namespace TheBlock.Client.Tests;

/// <summary>
/// Each module's reason registry is what its docs' error tables list: a reason added to the code without a row, or a
/// row for a reason the code no longer has, fails here. A module's tables may also show core reasons its methods
/// answer (<c>unauthorized</c>, <c>busy</c>).
/// </summary>
public sealed partial class ReasonRegistryDocumentTests
{
    [Fact]
    public void The_rpc_errors_tables_list_exactly_the_core_reasons()
    {
        var documented = ReasonsInTables(Read("RPC_ERRORS.md"));

        Assert.Equal(Sorted(CoreReasonRegistry.All), Sorted(documented));
    }

    [Fact]
    public void The_treasury_errors_tables_list_exactly_the_treasury_reasons()
    {
        var documented = ReasonsInTables(Section(Read("TREASURY.md"), "## Errors and reason codes"));

        Assert.Empty(Sorted(TreasuryReasonRegistry.All.Except(documented)));
        Assert.Empty(Sorted(documented.Except(TreasuryReasonRegistry.All).Except(CoreReasonRegistry.All)));
    }

    [Fact]
    public void The_energy_errors_table_lists_exactly_the_energy_reasons()
    {
        var documented = ReasonsInTables(Section(Read("ENERGY.md"), "## Errors and reason codes"));

        Assert.Equal(Sorted(EnergyReasonRegistry.All), Sorted(documented));
    }

    [Fact]
    public void The_receipts_errors_tables_list_exactly_the_receipts_reasons()
    {
        var markdown = Read("RECEIPTS.md");
        var documented = ReasonsInTables(Section(markdown, "## Validation")).Concat(ReasonsInTables(Section(markdown, "## Errors and reason codes"))).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(Sorted(ReceiptsReasonRegistry.All), Sorted(documented));
        Assert.Equal(ReceiptsReasonRegistry.All.Count, ReceiptsReasonRegistry.All.Distinct().Count());
    }

    [Fact]
    public void A_reason_is_defined_once_per_module()
    {
        Assert.Equal(CoreReasonRegistry.All.Count, CoreReasonRegistry.All.Distinct().Count());
        Assert.Equal(TreasuryReasonRegistry.All.Count, TreasuryReasonRegistry.All.Distinct().Count());
        Assert.Equal(EnergyReasonRegistry.All.Count, EnergyReasonRegistry.All.Distinct().Count());
        Assert.All(CoreReasonRegistry.All.Concat(TreasuryReasonRegistry.All).Concat(EnergyReasonRegistry.All), reason => Assert.Matches(ReasonCode(), reason));
    }

    /// <summary>The backticked codes in the <c>reason</c> (or <c>reasons</c>) column of every table of <paramref name="markdown"/>.</summary>
    private static HashSet<string> ReasonsInTables(string markdown)
    {
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        int column = -1;
        foreach (var line in markdown.Split('\n').Select(line => line.Trim()))
        {
            if (!line.StartsWith('|'))
            {
                column = -1;
                continue;
            }

            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (column < 0)
            {
                column = Array.FindIndex(cells, cell => cell is "reason" or "reasons" || cell.StartsWith("reason ", StringComparison.Ordinal));
                column = column < 0 ? int.MaxValue : column;
                continue;
            }

            if (column < cells.Length)
            {
                reasons.UnionWith(Backticked().Matches(cells[column]).Select(match => match.Groups[1].Value).Where(code => ReasonCode().IsMatch(code)));
            }
        }

        return reasons;
    }

    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no \"{heading}\" section");
        int end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    private static string Read(string name) => File.ReadAllText(Repository.PathOf("docs", name));

    private static List<string> Sorted(IEnumerable<string> reasons) => [.. reasons.Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex ReasonCode();
}
