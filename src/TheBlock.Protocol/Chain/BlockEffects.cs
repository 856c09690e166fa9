using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// Everything a block changed, in the form storage persists in one transaction: the block and its sealed changes
/// (every touched account sorted by address, the treasury, the supply counters, the ledger entries, the accumulator).
/// </summary>
public sealed record BlockEffects(Block Block, SealedOverlay Changes)
{
    public IReadOnlyList<KeyValuePair<Address, Account>> ChangedAccounts => Changes.ChangedAccounts;

    public TreasuryBalances Treasury => Changes.Treasury;

    public SupplyCounters Supply => Changes.Supply;

    public IReadOnlyList<LedgerEntry> Entries => Changes.Entries;

    public TreasuryBalances Escrow => Changes.Escrow;

    public IReadOnlyList<Treasury.Disbursement> ChangedDisbursements => Changes.ChangedDisbursements;

    public ulong NextDisbursementId => Changes.NextDisbursementId;

    public Treasury.ExecutorLease? Lease => Changes.Lease;

    public StateAccumulator Accumulator => Changes.Accumulator;

    public Hash32 StateRoot => Changes.StateRoot;
}
