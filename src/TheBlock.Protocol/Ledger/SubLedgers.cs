namespace TheBlock.Protocol.Ledger;

public static class SubLedgers
{
    /// <summary>The name stored and shown: <c>ct</c> or <c>it</c>.</summary>
    public static string Name(SubLedger subLedger) => subLedger switch
    {
        SubLedger.Ct => "ct",
        SubLedger.It => "it",
        _ => throw new ArgumentOutOfRangeException(nameof(subLedger), subLedger, "unknown sub-ledger"),
    };
}
