namespace TheBlock.Protocol.Treasury;

/// <summary>
/// Where a vote, timelock or rollback window ends (spec/treasury.md). A window of N epochs that starts at height h
/// ends at height h + N × epoch_length, not at an epoch boundary, so it lasts N whole epochs of blocks wherever in an
/// epoch it starts: a 1-epoch rollback window for a payout in an epoch's last block still gives epoch_length blocks.
/// </summary>
public static class TreasuryWindows
{
    /// <summary>The end height; a sum past the last representable height saturates there (a window that never ends).</summary>
    public static ulong EndHeight(ulong startHeight, ulong epochs, ulong epochLength)
    {
        var end = startHeight + ((UInt128)epochs * epochLength);
        return end > ulong.MaxValue ? ulong.MaxValue : (ulong)end;
    }
}
