using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Modules;
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
    /// <summary>Modules' system balances the block changed, sorted; zero means the balance is gone.</summary>
    public IReadOnlyList<KeyValuePair<SystemBalanceKey, ulong>> ChangedSystemBalances { get; init; } = [];

    /// <summary>Modules' keys the block changed, sorted; a null value is a deletion.</summary>
    public IReadOnlyList<KeyValuePair<StateKey, StateValue?>> ChangedState { get; init; } = [];

    public IReadOnlyList<EmittedEvent> Events { get; init; } = [];

    public Hash32 StateRoot => Accumulator.Root();

    public BlockEffects For(Block block) => new(block, this);
}
