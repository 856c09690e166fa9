using System.Text.Json;
using System.Text.Json.Nodes;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// What the treasury drills share about their own disbursements: a proposal obeying the rules <c>gov disburse create</c>
/// reads by, its creation and vote with the CLI's key, and finding them again for <c>--recover</c> by their title, so a
/// recovery touches nothing but what a drill proposed.
/// </summary>
internal static class DrillDisbursements
{
    /// <summary>Blocks the vote window spans at least: the vote goes in right after the proposal's block.</summary>
    public const ulong VoteWindowBlocks = 20;

    public static SubmitSettings Settings { get; } = new(Fee: 0, Nonce: null, Wait: true, TimeSpan.FromSeconds(SubmitOptions.DefaultTimeoutSeconds));

    /// <summary>The fewest whole epochs that span <see cref="VoteWindowBlocks"/>.</summary>
    public static ulong VoteWindowEpochs(NodeStatus status)
    {
        var epochLength = Math.Max(status.EpochLength, 1);
        return Math.Max(1, (VoteWindowBlocks + epochLength - 1) / epochLength);
    }

    /// <summary>How long, at the chain's block interval, a proposal takes at most from creation until it is queued.</summary>
    public static TimeSpan UntilQueued(NodeStatus status, ulong voteWindowEpochs)
    {
        var epochLength = Math.Max(status.EpochLength, 1);
        var blocks = (voteWindowEpochs * epochLength) + (2 * epochLength) + 30;
        return TimeSpan.FromMilliseconds(blocks * Math.Max(status.BlockIntervalMs, 100));
    }

    public static DisbursementProposal Proposal(string title, string summary, string destination, ulong amount, ulong voteWindowEpochs, IReadOnlyList<ulong> deps)
    {
        // Read back through the same reader `gov disburse create` uses, so the drill's proposal obeys its rules.
        var document = new JsonObject
        {
            [ProposalDocument.Title] = title,
            [ProposalDocument.Summary] = summary,
            [ProposalDocument.Destination] = destination,
            [ProposalDocument.AmountCt] = amount,
            [ProposalDocument.VoteWindowEpochs] = voteWindowEpochs,
            [ProposalDocument.Deps] = new JsonArray([.. deps.Select(dep => (JsonNode)dep)]),
        };
        var reading = ProposalDocument.Read(JsonSerializer.SerializeToElement(document), nextId: null);
        return reading.IsValid
            ? reading.Proposal!
            : throw new CliException(CliErrors.Failed(reading.Problems[0].Reason, $"the drill's proposal is refused: {reading.Problems[0].Message}"));
    }

    /// <summary>Proposes with the CLI's key and waits for the block; returns the new disbursement's id.</summary>
    public static async Task<ulong> CreateAsync(CommandContext context, DisbursementProposal proposal, CancellationToken cancellationToken)
    {
        var created = CommandContext.Read(CoreRpc.TxStatus, await TransactionSubmitter.SubmitAsync(context, new DisbursementCreatePayload(proposal), Settings, cancellationToken).ConfigureAwait(false));
        var view = created.Events?.FirstOrDefault(e => e.Type == DisbursementCreated.EventName)?.Data
            ?? throw new CliException(CliErrors.Failed(CoreReasonRegistry.Cli.UnexpectedResponse, $"transaction {created.TxHash} was committed but names no created disbursement"));
        return view.GetProperty("id").GetUInt64();
    }

    /// <summary>Votes yes with the CLI's key (dev-1, which passes a devnet proposal alone) and waits for the block.</summary>
    public static Task VoteYesAsync(CommandContext context, ulong id, CancellationToken cancellationToken) =>
        TransactionSubmitter.SubmitAsync(context, new VotePayload(id, VoteChoice.Yes), Settings, cancellationToken);

    /// <summary>The CLI key's address: where a drill's disbursements pay to, so a payout stays with the operator.</summary>
    public static string OwnAddress(CommandContext context)
    {
        using var key = context.LoadSigningKey();
        return key.Address.ToString();
    }

    /// <summary>Every disbursement not yet final whose title <paramref name="isDrills"/> accepts, in id order.</summary>
    public static async Task<List<DisbursementView>> OpenAsync(CommandContext context, Func<string, bool> isDrills, CancellationToken cancellationToken)
    {
        var open = new List<DisbursementView>();
        ulong? after = null;
        do
        {
            var page = await context.CallAsync(TreasuryRpc.List, new DisbursementListParams(AfterId: after, Limit: CoreRpc.MaxListLimit), cancellationToken).ConfigureAwait(false);
            open.AddRange(page.Disbursements.Where(d => isDrills(d.Title) && DisbursementStates.TryParse(d.Status.State, out var state) && !state.IsFinal()));
            after = page.NextCursor;
        }
        while (after is not null);
        return open;
    }
}
