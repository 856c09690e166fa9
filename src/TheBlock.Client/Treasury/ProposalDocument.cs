using System.Text.Json;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Treasury;

/// <summary>
/// Reads a disbursement proposal from its JSON form (spec/treasury.md, "Proposal payload"): the file of
/// <c>contract-cli gov disburse preview|create --json FILE</c> and the <c>proposal</c> param of
/// <c>gov.disburse.preview</c>, so the CLI and the node find the same problems in the same words. It reports every
/// problem at once: unknown, duplicated, missing and mistyped fields, bad addresses; then, when the document could be
/// read as a proposal, every <see cref="ProposalRules"/> rule it breaks. Pure: no I/O, no clock.
/// </summary>
public static class ProposalDocument
{
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Destination = "destination";
    public const string AmountCt = "amount_ct";
    public const string AmountIt = "amount_it";
    public const string Memo = "memo";
    public const string ScheduledEpoch = "scheduled_epoch";
    public const string ExpectedReceipts = "expected_receipts";
    public const string Deps = "deps";
    public const string VoteWindowEpochs = "vote_window_epochs";
    public const string TimelockEpochs = "timelock_epochs";
    public const string RollbackWindowEpochs = "rollback_window_epochs";
    public const string Account = "account";

    /// <summary>The field at fault when the document as a whole is not a proposal.</summary>
    public const string Whole = "proposal";

    public static IReadOnlyList<string> Fields { get; } =
    [
        Title, Summary, Destination, AmountCt, AmountIt, Memo, ScheduledEpoch, ExpectedReceipts, Deps,
        VoteWindowEpochs, TimelockEpochs, RollbackWindowEpochs,
    ];

    public static IReadOnlyList<string> ReceiptFields { get; } = [Account, AmountCt, AmountIt];

    /// <param name="document">the proposal object.</param>
    /// <param name="nextId">
    /// the id the next disbursement gets (existing ids are 1 … nextId − 1); null when the caller cannot know it, as
    /// the CLI offline, in which case whether dependencies exist is left to the chain.
    /// </param>
    public static ProposalReading Read(JsonElement document, ulong? nextId)
    {
        var problems = new List<ProposalProblem>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new ProposalProblem(Whole, TreasuryReasons.InvalidField, $"a proposal must be a JSON object, got {JsonFieldReader.Describe(document)}"));
            return new ProposalReading(null, problems);
        }

        var fields = new JsonFieldReader(document, prefix: string.Empty, Fields, problems);
        var title = fields.RequiredString(Title, $"a string of 1 to {ProposalRules.MaxTitleLength} characters");
        var summary = fields.OptionalString(Summary);
        var destination = fields.RequiredAddress(Destination, TreasuryReasons.InvalidDestination);
        if (!fields.Has(AmountCt) && !fields.Has(AmountIt))
        {
            problems.Add(new ProposalProblem(AmountCt, TreasuryReasons.InvalidField, "amount_ct or amount_it is required: a whole number of CT, at least one of them positive"));
        }

        var amountCt = fields.OptionalUInt64(AmountCt) ?? 0;
        var amountIt = fields.OptionalUInt64(AmountIt) ?? 0;
        var memo = fields.OptionalString(Memo);
        var scheduledEpoch = fields.OptionalUInt64(ScheduledEpoch) ?? 0;
        var receipts = fields.OptionalArray(ExpectedReceipts, ReadReceipt);
        var deps = fields.OptionalArray(Deps, (element, path) => fields.UInt64(element, path));
        var voteWindow = fields.OptionalUInt64(VoteWindowEpochs);
        var timelock = fields.OptionalUInt64(TimelockEpochs);
        var rollbackWindow = fields.OptionalUInt64(RollbackWindowEpochs);

        if (problems.Count > 0)
        {
            // The rules need every field; a document that is not yet a proposal is answered with what stops it being one.
            return new ProposalReading(null, problems);
        }

        var proposal = new DisbursementProposal(
            title!, summary, destination!.Value, amountCt, amountIt, memo, scheduledEpoch,
            receipts.Select(receipt => receipt!).ToList(), deps.Select(dep => dep!.Value).ToList(),
            voteWindow, timelock, rollbackWindow);
        problems.AddRange(RuleProblems(proposal, nextId));
        return new ProposalReading(proposal, problems);

        ExpectedReceipt? ReadReceipt(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ProposalProblem(path, TreasuryReasons.InvalidField, $"{path} must be an object {{account, amount_ct, amount_it}}, got {JsonFieldReader.Describe(element)}"));
                return null;
            }

            var receipt = new JsonFieldReader(element, path + ".", ReceiptFields, problems);
            var account = receipt.RequiredAddress(Account, TreasuryReasons.InvalidExpectedReceipts);
            var ct = receipt.OptionalUInt64(AmountCt) ?? 0;
            var it = receipt.OptionalUInt64(AmountIt) ?? 0;
            return account is { } address ? new ExpectedReceipt(address, ct, it) : null;
        }
    }

    private static IEnumerable<ProposalProblem> RuleProblems(DisbursementProposal proposal, ulong? nextId)
    {
        // Without a next id every positive id counts as existing; the one false alarm that leaves, a dependency on
        // ulong.MaxValue reported as "itself", is dropped and left to the chain like the other existence checks.
        var problems = ProposalRules.Problems(proposal, nextId ?? ulong.MaxValue);
        return nextId is null ? problems.Where(problem => problem.Reason != TreasuryReasons.SelfDependency) : problems;
    }
}
