using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>The lease-holding executor pays a queued disbursement out of the treasury into escrow.</summary>
public sealed record DisbursementPayoutPayload(ulong DisbursementId) : TransactionPayload
{
    public override TransactionKind Kind => TreasuryKinds.DisbursementPayout;

    public override void Write(CanonicalWriter writer) => writer.U64(DisbursementId);

    public static DisbursementPayoutPayload Read(ref CanonicalReader reader) => new(reader.U64("disbursement_id"));
}
