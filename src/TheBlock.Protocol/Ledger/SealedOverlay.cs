using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>A block's changes, checked and folded into the accumulator, waiting for the block that carries them.</summary>
public sealed record SealedOverlay(
    IReadOnlyList<KeyValuePair<Address, Account>> ChangedAccounts,
    TreasuryBalances Treasury,
    SupplyCounters Supply,
    IReadOnlyList<LedgerEntry> Entries,
    StateAccumulator Accumulator)
{
    public Hash32 StateRoot => Accumulator.Root();

    public BlockEffects For(Block block) => new(block, this);
}
