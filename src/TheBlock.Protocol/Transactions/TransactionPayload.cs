using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Transactions;

/// <summary>What a transaction does; each kind writes its own fixed layout after the common envelope.</summary>
public abstract record TransactionPayload
{
    public abstract TransactionKind Kind { get; }

    public abstract void Write(CanonicalWriter writer);

    internal static TransactionPayload Read(TransactionKind kind, ref CanonicalReader reader) => kind switch
    {
        TransactionKind.Transfer => TransferPayload.Read(ref reader),
        TransactionKind.DisbursementCreate => DisbursementCreatePayload.Read(ref reader),
        TransactionKind.Vote => VotePayload.Read(ref reader),
        TransactionKind.DisbursementRollback => DisbursementRollbackPayload.Read(ref reader),
        TransactionKind.ExecutorLease => ExecutorLeasePayload.Read(ref reader),
        TransactionKind.DisbursementPayout => DisbursementPayoutPayload.Read(ref reader),
        _ => throw new FormatException($"unknown transaction kind {(byte)kind}"),
    };
}
