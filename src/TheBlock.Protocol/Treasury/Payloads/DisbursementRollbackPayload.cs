using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// Cancels a disbursement that is not final yet, returning any escrowed funds to the treasury: at once when a validator
/// key signs it, or as a council member's request that counts toward the threshold (TreasuryTransactions.Rollback).
/// </summary>
public sealed record DisbursementRollbackPayload(ulong DisbursementId, string Reason) : TransactionPayload
{
    public const int MaxReasonLength = 512;

    public override TransactionKind Kind => TreasuryKinds.DisbursementRollback;

    public override void Write(CanonicalWriter writer) => writer.U64(DisbursementId).Utf8(Reason);

    public override Rejection? CheckStateless() =>
        string.IsNullOrWhiteSpace(Reason) || Reason.Length > MaxReasonLength
            ? new Rejection(TreasuryReasons.InvalidReason, $"a rollback reason must be 1 to {MaxReasonLength} characters, not blank")
            : null;

    public static DisbursementRollbackPayload Read(ref CanonicalReader reader) => new(reader.U64("disbursement_id"), reader.Utf8("reason"));
}
