namespace TheBlock.Protocol.Treasury;

/// <summary>What storage hands back to rebuild a <see cref="TreasuryBook"/>: every stored disbursement (final ones too, for the state root) and the scalars.</summary>
public sealed record TreasuryRecords(IEnumerable<Disbursement> Disbursements, ulong NextId, Ledger.TreasuryBalances Escrow, ExecutorLease? Lease)
{
    public static TreasuryRecords Empty { get; } = new([], 1, default, null);
}
