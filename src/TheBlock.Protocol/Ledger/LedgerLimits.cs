namespace TheBlock.Protocol.Ledger;

/// <summary>The range every amount and supply counter must stay in, set by what storage can hold.</summary>
public static class LedgerLimits
{
    /// <summary>
    /// Storage writes balances and the supply counters as SQLite INTEGERs, which are signed 64-bit: 2^63 − 1 CT. The
    /// total ever created (genesis + minted) stays within it, so every balance, counter and entry delta does too.
    /// </summary>
    public const ulong MaxSupply = long.MaxValue;
}
