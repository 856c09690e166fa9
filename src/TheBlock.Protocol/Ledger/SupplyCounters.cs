namespace TheBlock.Protocol.Ledger;

/// <summary>Where every CT came from: the genesis allocation, block rewards minted since, and burns.</summary>
public readonly record struct SupplyCounters(ulong Genesis, ulong Minted, ulong Burned)
{
    /// <summary>What all balances and escrows must add up to.</summary>
    public ulong Expected => Genesis + Minted - Burned;
}
