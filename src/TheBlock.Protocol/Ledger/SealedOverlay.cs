using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Ledger;

/// <summary>A block's changes, checked and folded into the accumulator, waiting for the block that carries them.</summary>
public sealed record SealedOverlay(
    IReadOnlyList<KeyValuePair<Address, Account>> ChangedAccounts,
    TreasuryBalances Treasury,
    SupplyCounters Supply,
    IReadOnlyList<LedgerEntry> Entries,
    StateAccumulator Accumulator)
{
    public TreasuryBalances Escrow { get; init; }

    /// <summary>New versions of the disbursements the block created or moved, by id.</summary>
    public IReadOnlyList<Disbursement> ChangedDisbursements { get; init; } = [];

    public ulong NextDisbursementId { get; init; } = 1;

    public ExecutorLease? Lease { get; init; }

    public Hash32 StateRoot => Accumulator.Root();

    public BlockEffects For(Block block) => new(block, this);
}
