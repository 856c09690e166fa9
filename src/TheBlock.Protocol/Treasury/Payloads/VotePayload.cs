using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>A council member's vote on disbursement <see cref="DisbursementId"/>.</summary>
public sealed record VotePayload(ulong DisbursementId, VoteChoice Choice) : TransactionPayload
{
    public override TransactionKind Kind => TreasuryKinds.Vote;

    public override void Write(CanonicalWriter writer) => writer.U64(DisbursementId).U8((byte)Choice);

    public override Rejection? CheckStateless() =>
        Enum.IsDefined(Choice) ? null : new Rejection(TreasuryReasons.InvalidChoice, $"vote choice {(byte)Choice} is not yes (1), no (2) or abstain (3)");

    public static VotePayload Read(ref CanonicalReader reader) => new(reader.U64("disbursement_id"), (VoteChoice)reader.U8("choice"));
}
