namespace TheBlock.Storage;

/// <summary>Keys of the single-valued parts of the state in table chain_values.</summary>
internal static class ChainValueKeys
{
    public const string TreasuryCt = "treasury_ct";
    public const string TreasuryIt = "treasury_it";
    public const string SupplyGenesis = "supply_genesis";
    public const string SupplyMinted = "supply_minted";
    public const string SupplyBurned = "supply_burned";
}
