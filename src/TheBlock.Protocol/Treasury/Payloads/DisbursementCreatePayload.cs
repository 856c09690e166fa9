using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>A council member proposes a disbursement; it gets the next id and starts as a draft.</summary>
public sealed record DisbursementCreatePayload(DisbursementProposal Proposal) : TransactionPayload
{
    public override TransactionKind Kind => TreasuryKinds.DisbursementCreate;

    public override void Write(CanonicalWriter writer) => Proposal.Write(writer);

    public static DisbursementCreatePayload Read(ref CanonicalReader reader) => new(DisbursementProposal.Read(ref reader));
}
