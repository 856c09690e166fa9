using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>
/// The ledger entries one block made, in order: what storage keeps per block and the auditor reads. A store may leave
/// out the entries of user accounts other than disbursement credits (transfers, fees): the audit does not use them.
/// </summary>
public readonly record struct BlockJournal(ulong Height, IReadOnlyList<LedgerEntry> Entries);
