using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Governance;

namespace TheBlock.Protocol.Transactions;

/// <summary>A council member's vote on disbursement <see cref="DisbursementId"/>.</summary>
public sealed record VotePayload(ulong DisbursementId, VoteChoice Choice) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.Vote;

    public override void Write(CanonicalWriter writer) => writer.U64(DisbursementId).U8((byte)Choice);

    internal static VotePayload Read(ref CanonicalReader reader) => new(reader.U64("disbursement_id"), (VoteChoice)reader.U8("choice"));
}
