namespace TheBlock.Protocol.Treasury;

public static class DisbursementStates
{
    public static IReadOnlyList<DisbursementState> All { get; } = Enum.GetValues<DisbursementState>();

    /// <summary>The snake_case name shown, filtered on and used as the metric label.</summary>
    public static string Name(DisbursementState state) => state switch
    {
        DisbursementState.Draft => "draft",
        DisbursementState.Voting => "voting",
        DisbursementState.Timelocked => "timelocked",
        DisbursementState.Queued => "queued",
        DisbursementState.Executed => "executed",
        DisbursementState.Finalized => "finalized",
        DisbursementState.RolledBack => "rolled_back",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown disbursement state"),
    };

    public static bool TryParse(string? name, out DisbursementState state)
    {
        foreach (var candidate in All)
        {
            if (Name(candidate) == name)
            {
                state = candidate;
                return true;
            }
        }

        state = 0;
        return false;
    }

    public static bool IsFinal(this DisbursementState state) => state is DisbursementState.Finalized or DisbursementState.RolledBack;
}
