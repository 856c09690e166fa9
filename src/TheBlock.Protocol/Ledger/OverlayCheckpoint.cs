namespace TheBlock.Protocol.Ledger;

/// <summary>A point a <see cref="StateOverlay"/> can return to.</summary>
public readonly record struct OverlayCheckpoint(int JournalLength, int EntriesLength, TreasuryBalances Treasury, SupplyCounters Supply);
