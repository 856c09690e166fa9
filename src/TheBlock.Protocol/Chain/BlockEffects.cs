using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// Everything a block changed, in the form storage persists in one transaction: the block, every account it touched
/// (sorted by address) with its new value, the treasury, the supply counters, the ledger entries and the new accumulator.
/// </summary>
public sealed record BlockEffects(
    Block Block,
    IReadOnlyList<KeyValuePair<Address, Account>> ChangedAccounts,
    TreasuryBalances Treasury,
    SupplyCounters Supply,
    IReadOnlyList<LedgerEntry> Entries,
    StateAccumulator Accumulator)
{
    public Hash32 StateRoot => Accumulator.Root();
}
