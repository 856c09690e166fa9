using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Treasury;

/// <summary>
/// Result of <c>gov.disburse.preview</c>: every problem of the proposal (none when <see cref="Valid"/>), the id a
/// create would get now, and the proposal as the chain would accept it (windows filled with the governance
/// defaults), null when the document could not be read as a proposal.
/// </summary>
public sealed record DisbursementPreview(
    bool Valid,
    IReadOnlyList<ProposalProblemView> Problems,
    ulong NextId,
    ProposalPayloadView? Proposal);

/// <summary>One thing wrong with a proposal: the field at fault (e.g. <c>expected_receipts[1].account</c>), a reason code, a sentence.</summary>
public sealed record ProposalProblemView(string Field, string Reason, string Message)
{
    public static ProposalProblemView From(ProposalProblem problem) => new(problem.Field, problem.Reason, problem.Message);
}

/// <summary>The proposal payload in its file form (<c>gov disburse preview|create --json FILE</c>).</summary>
public sealed record ProposalPayloadView(
    string Title,
    string Summary,
    string Destination,
    ulong AmountCt,
    ulong AmountIt,
    string Memo,
    ulong ScheduledEpoch,
    IReadOnlyList<ExpectedReceiptView> ExpectedReceipts,
    IReadOnlyList<ulong> Deps,
    ulong? VoteWindowEpochs,
    ulong? TimelockEpochs,
    ulong? RollbackWindowEpochs)
{
    public static ProposalPayloadView From(DisbursementProposal proposal) => new(
        proposal.Title,
        proposal.Summary,
        proposal.Destination.ToString(),
        proposal.AmountCt,
        proposal.AmountIt,
        proposal.Memo,
        proposal.ScheduledEpoch,
        [.. proposal.ExpectedReceipts.Select(receipt => new ExpectedReceiptView(receipt.Account.ToString(), receipt.AmountCt, receipt.AmountIt))],
        [.. proposal.Deps],
        proposal.VoteWindowEpochs,
        proposal.TimelockEpochs,
        proposal.RollbackWindowEpochs);
}
