using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// Everything a block changed, in the form storage persists in one transaction: the block and its sealed changes
/// (every touched account sorted by address, the treasury, the supply counters, modules' balances and keys, the
/// ledger entries, the events, the accumulator).
/// </summary>
public sealed record BlockEffects(Block Block, SealedOverlay Changes)
{
    public IReadOnlyList<KeyValuePair<Address, Account>> ChangedAccounts => Changes.ChangedAccounts;

    public TreasuryBalances Treasury => Changes.Treasury;

    public SupplyCounters Supply => Changes.Supply;

    public IReadOnlyList<LedgerEntry> Entries => Changes.Entries;

    public IReadOnlyList<KeyValuePair<SystemBalanceKey, ulong>> ChangedSystemBalances => Changes.ChangedSystemBalances;

    public IReadOnlyList<KeyValuePair<StateKey, StateValue?>> ChangedState => Changes.ChangedState;

    public IReadOnlyList<EmittedEvent> Events => Changes.Events;

    public StateAccumulator Accumulator => Changes.Accumulator;

    public Hash32 StateRoot => Changes.StateRoot;
}
