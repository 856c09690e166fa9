namespace TheBlock.Protocol.Treasury;

/// <summary>
/// Every rule a disbursement proposal must meet (spec/treasury.md). <see cref="Problems"/> reports all that fail, so
/// <c>gov disburse preview</c> can list them at once; a create transaction is refused with the first reason and a
/// message naming them all.
/// </summary>
public static class ProposalRules
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 4_000;
    public const int MaxMemoBytes = 8 * 1024;
    public const int MaxDeps = 100;
    public const int MaxExpectedReceipts = 100;
    public const ulong MaxAmount = long.MaxValue;
    public const ulong MaxScheduledEpoch = 1_000_000_000;

    /// <param name="nextId">the id the next accepted disbursement gets: existing ids are 1 … nextId − 1.</param>
    public static IReadOnlyList<ProposalProblem> Problems(DisbursementProposal proposal, ulong nextId)
    {
        var problems = new List<ProposalProblem>();
        void Add(string field, string reason, string message) => problems.Add(new ProposalProblem(field, reason, message));

        if (string.IsNullOrWhiteSpace(proposal.Title) || proposal.Title.Length > MaxTitleLength)
        {
            Add("title", TreasuryReasons.InvalidTitle, $"title must be 1 to {MaxTitleLength} characters, not blank");
        }

        if (proposal.Summary.Length > MaxSummaryLength)
        {
            Add("summary", TreasuryReasons.InvalidSummary, $"summary is {proposal.Summary.Length} characters; at most {MaxSummaryLength} are allowed");
        }

        if (proposal.AmountCt > MaxAmount)
        {
            Add("amount_ct", TreasuryReasons.InvalidAmount, $"amount_ct must be at most {MaxAmount} CT");
        }

        if (proposal.AmountIt > MaxAmount)
        {
            Add("amount_it", TreasuryReasons.InvalidAmount, $"amount_it must be at most {MaxAmount} CT");
        }

        if (proposal.AmountCt == 0 && proposal.AmountIt == 0)
        {
            Add("amount_ct", TreasuryReasons.InvalidAmount, "amount_ct + amount_it must be at least 1 CT");
        }

        var memoBytes = System.Text.Encoding.UTF8.GetByteCount(proposal.Memo);
        if (memoBytes > MaxMemoBytes)
        {
            Add("memo", TreasuryReasons.MemoTooLarge, $"memo is {memoBytes} bytes of UTF-8; at most {MaxMemoBytes} are allowed");
        }

        if (proposal.ScheduledEpoch > MaxScheduledEpoch)
        {
            Add("scheduled_epoch", TreasuryReasons.InvalidScheduledEpoch, $"scheduled_epoch must be at most {MaxScheduledEpoch}");
        }

        CheckExpectedReceipts(proposal, Add);
        CheckDeps(proposal, nextId, Add);
        CheckWindow("vote_window_epochs", proposal.VoteWindowEpochs, minimum: 1, Add);
        CheckWindow("timelock_epochs", proposal.TimelockEpochs, minimum: 0, Add);
        CheckWindow("rollback_window_epochs", proposal.RollbackWindowEpochs, minimum: 0, Add);
        return problems;
    }

    private static void CheckExpectedReceipts(DisbursementProposal proposal, Action<string, string, string> add)
    {
        var receipts = proposal.ExpectedReceipts;
        if (receipts.Count == 0)
        {
            return;
        }

        if (receipts.Count > MaxExpectedReceipts)
        {
            add("expected_receipts", TreasuryReasons.InvalidExpectedReceipts, $"expected_receipts has {receipts.Count} entries; at most {MaxExpectedReceipts} are allowed");
            return;
        }

        var sumCt = receipts.Aggregate(UInt128.Zero, (sum, r) => sum + r.AmountCt);
        var sumIt = receipts.Aggregate(UInt128.Zero, (sum, r) => sum + r.AmountIt);
        if (sumCt != proposal.AmountCt || sumIt != proposal.AmountIt)
        {
            add("expected_receipts", TreasuryReasons.InvalidExpectedReceipts,
                $"expected_receipts add up to {sumCt} CT (ct) and {sumIt} CT (it); the amounts are {proposal.AmountCt} and {proposal.AmountIt}");
        }
    }

    private static void CheckDeps(DisbursementProposal proposal, ulong nextId, Action<string, string, string> add)
    {
        var deps = proposal.Deps;
        if (deps.Count > MaxDeps)
        {
            add("deps", TreasuryReasons.TooManyDeps, $"deps names {deps.Count} disbursements; at most {MaxDeps} are allowed");
            return;
        }

        var seen = new HashSet<ulong>();
        foreach (var dep in deps)
        {
            if (!seen.Add(dep))
            {
                add("deps", TreasuryReasons.DuplicateDependency, $"deps names disbursement {dep} more than once");
            }
            else if (dep == nextId)
            {
                add("deps", TreasuryReasons.SelfDependency, $"deps names {dep}, the id this disbursement would get: a disbursement cannot depend on itself");
            }
            else if (dep == 0 || dep > nextId)
            {
                add("deps", TreasuryReasons.UnknownDependency, $"deps names disbursement {dep}, which does not exist");
            }
        }
    }

    private static void CheckWindow(string field, ulong? value, ulong minimum, Action<string, string, string> add)
    {
        if (value is { } epochs && (epochs < minimum || epochs > Governance.GovernanceParameters.MaxWindowEpochs))
        {
            add(field, TreasuryReasons.InvalidWindow, $"{field} is {epochs}; it must be between {minimum} and {Governance.GovernanceParameters.MaxWindowEpochs}");
        }
    }
}
