namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>The stored disbursement records, the source the auditor checks the journal's disbursement entries against.</summary>
public interface IDisbursementRecords
{
    Disbursement? Get(ulong id);

    /// <summary>Every disbursement whose record says it was paid (executed) at a height in <paramref name="fromHeight"/>..<paramref name="toHeight"/>.</summary>
    IEnumerable<Disbursement> ExecutedBetween(ulong fromHeight, ulong toHeight);
}
