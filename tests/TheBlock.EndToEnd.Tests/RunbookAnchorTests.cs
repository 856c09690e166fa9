using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// Every alert's <c>runbook</c> annotation opens a section that exists: <c>RUNBOOK.md#anchor</c> is a heading of
/// docs/RUNBOOK.md, any other path a heading of that file, anchors as GitHub renders them. A renamed heading would
/// otherwise leave a page pointing nowhere.
/// </summary>
public sealed partial class RunbookAnchorTests
{
    [Fact]
    public void Every_runbook_annotation_names_a_heading_that_exists()
    {
        var annotations = Directory.GetFiles(Path.Combine(Executables.RepositoryRoot, "deploy", "prometheus", "rules"), "*.yml")
            .SelectMany(file => RunbookAnnotation().Matches(File.ReadAllText(file)).Select(match => (Rules: Path.GetFileName(file), Link: match.Groups["link"].Value)))
            .ToList();
        Assert.NotEmpty(annotations);
        Assert.Contains(annotations, a => a.Link.StartsWith("RUNBOOK.md#", StringComparison.Ordinal));

        foreach (var (rules, link) in annotations)
        {
            var parts = link.Split('#', 2);
            Assert.True(parts.Length == 2 && parts[1].Length > 0, $"{rules}: runbook annotation \"{link}\" names no section (#anchor)");
            var document = Path.Combine(Executables.RepositoryRoot, parts[0] == "RUNBOOK.md" ? Path.Combine("docs", "RUNBOOK.md") : parts[0]);
            Assert.True(File.Exists(document), $"{rules}: runbook annotation \"{link}\" names {document}, which does not exist");
            var prose = FencedCode().Replace(File.ReadAllText(document), string.Empty);
            var anchors = Heading().Matches(prose).Select(h => Anchor(h.Groups["title"].Value)).ToHashSet(StringComparer.Ordinal);
            Assert.True(anchors.Contains(parts[1]), $"{rules}: runbook annotation \"{link}\" has no heading #{parts[1]} in {document}");
        }
    }

    [Theory]
    [InlineData("Treasury Stuck", "treasury-stuck")]
    [InlineData("Receipts System", "receipts-system")]
    [InlineData("Path A: Dependency Issue", "path-a-dependency-issue")]
    [InlineData("`prometheus_query` and `prometheus_query_json`", "prometheus_query-and-prometheus_query_json")]
    public void Anchors_are_made_as_GitHub_makes_them(string title, string anchor) => Assert.Equal(anchor, Anchor(title));

    /// <summary>GitHub's anchor for a heading: lower case, punctuation but hyphens and underscores dropped, spaces to hyphens.</summary>
    private static string Anchor(string title) => Punctuation().Replace(title.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');

    [GeneratedRegex(@"^\s*runbook:\s*""?(?<link>[^""\s]+)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex RunbookAnnotation();

    /// <summary>A fenced code block, whose <c># comment</c> lines are not headings.</summary>
    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\s_-]")]
    private static partial Regex Punctuation();
}
