using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Transactions;

/// <summary>A council member proposes a disbursement; it gets the next id and starts as a draft.</summary>
public sealed record DisbursementCreatePayload(DisbursementProposal Proposal) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.DisbursementCreate;

    public override void Write(CanonicalWriter writer) => Proposal.Write(writer);

    internal static DisbursementCreatePayload Read(ref CanonicalReader reader) => new(DisbursementProposal.Read(ref reader));
}
