using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Ledger;

/// <summary>A point a <see cref="StateOverlay"/> can return to.</summary>
public readonly record struct OverlayCheckpoint(
    int JournalLength,
    int EntriesLength,
    int DisbursementJournalLength,
    TreasuryBalances Treasury,
    TreasuryBalances Escrow,
    SupplyCounters Supply,
    ulong NextDisbursementId,
    ExecutorLease? Lease);
