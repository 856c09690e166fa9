namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The treasury's two CT sub-ledgers: <c>ct</c> accrues the block-reward share, <c>it</c> the market fees.
/// </summary>
public readonly record struct TreasuryBalances(ulong Ct, ulong It)
{
    public ulong Total => Ct + It;
}
