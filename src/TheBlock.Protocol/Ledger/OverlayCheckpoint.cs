namespace TheBlock.Protocol.Ledger;

/// <summary>A point a <see cref="StateOverlay"/> can return to: the lengths of its journals and its scalar values.</summary>
public readonly record struct OverlayCheckpoint(
    int AccountJournalLength,
    int SystemJournalLength,
    int StateJournalLength,
    int EntriesLength,
    int EventsLength,
    TreasuryBalances Treasury,
    SupplyCounters Supply);
