using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Treasury;

/// <summary>
/// What <see cref="ProposalDocument.Read"/> made of a document: the proposal when the document could be read as one
/// (null otherwise), and every problem found, in document order and then in rule order.
/// </summary>
public sealed record ProposalReading(DisbursementProposal? Proposal, IReadOnlyList<ProposalProblem> Problems)
{
    /// <summary>True when a create transaction with this proposal would pass every rule the reader could check.</summary>
    public bool IsValid => Proposal is not null && Problems.Count == 0;
}
