namespace TheBlock.Cli;

/// <summary>
/// The reasons contract-cli reports on its own for the <c>gov</c> and <c>audit</c> commands (the chain's own reasons,
/// such as <c>invalid_choice</c>, come from <c>TreasuryReasons</c>). Kept beside <see cref="CliErrors"/> so the
/// treasury commands could land without touching the shared error table; they belong in it.
/// </summary>
internal static class TreasuryCliErrors
{
    public const string InvalidStatus = "invalid_status";
    public const string InvalidLimit = "invalid_limit";
    public const string InvalidRange = "invalid_range";
    public const string InvalidJson = "invalid_json";
    public const string FileUnreadable = "file_unreadable";

    /// <summary>The settlement audit found a balance that does not add up: exit 1, the audit is still printed.</summary>
    public const string ConservationViolated = "conservation_violated";
}
