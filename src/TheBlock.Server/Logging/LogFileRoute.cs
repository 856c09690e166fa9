namespace TheBlock.Server.Logging;

/// <summary>
/// Sends the events of some categories (targets) to a file of their own, and to no other file.
/// A category matches itself and its dotted children: <c>receipts</c> also takes <c>receipts.validation</c>.
/// </summary>
public sealed record LogFileRoute(string FileName, IReadOnlyList<string> Categories)
{
    /// <summary>The node's <c>receipts.log</c>: the runbook greps it per market.</summary>
    public static LogFileRoute Receipts { get; } = new(LogFiles.Receipts, ["receipts"]);

    internal bool Matches(string? category)
    {
        if (category is null) return false;
        foreach (var c in Categories)
        {
            if (category.Length == c.Length ? category == c
                : category.Length > c.Length && category[c.Length] == '.' && category.StartsWith(c, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
