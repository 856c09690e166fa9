using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// <c>dev drill treasury-dependency-rollback</c>: the CLI's key proposes a dependency and a dependent of it (1 CT each, to
/// itself), votes the dependent yes, and the operator rolls the dependency back (admin token), the runbook's
/// "Treasury Stuck", path A. With <c>treasury.cascade_rollback</c> on (a devnet's default) the chain rolls the dependent
/// back in the same block (<c>Dependency N was rolled back</c>), and Path A's own rollback is refused as final; on a
/// devnet started with <c>--no-cascade-rollback</c> the dependent passes its vote and stays queued for good, behind a
/// dependency that will never pay. <c>--recover</c> rolls back, as Path A does, the drill's own disbursements not yet final.
/// </summary>
internal sealed class DependencyRollbackDrill : IDrill
{
    /// <summary>How --recover finds what the drill proposed, and nothing else.</summary>
    public const string TitlePrefix = "drill: treasury-dependency-rollback";

    private const string DependencyTitle = TitlePrefix + " (dependency)";
    private const string DependentTitle = TitlePrefix + " (dependent)";
    private const ulong Amount = 1;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public string Name => "treasury-dependency-rollback";

    public string Reproduces => "Treasury Stuck, path A: a disbursement whose dependency was rolled back";

    public IReadOnlyList<Option> Options => [];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = await context.CallAsync(CoreRpc.NodeStatus, NoParams.Value, cancellationToken).ConfigureAwait(false);
        var voteWindowEpochs = DrillDisbursements.VoteWindowEpochs(status);
        var destination = DrillDisbursements.OwnAddress(context);
        var dependency = await DrillDisbursements.CreateAsync(
            context,
            DrillDisbursements.Proposal(DependencyTitle, "contract-cli dev drill: the dependency, rolled back at once", destination, Amount, voteWindowEpochs, deps: []),
            cancellationToken).ConfigureAwait(false);
        var dependent = await DrillDisbursements.CreateAsync(
            context,
            DrillDisbursements.Proposal(DependentTitle, $"contract-cli dev drill: depends on disbursement {dependency}", destination, Amount, voteWindowEpochs, deps: [dependency]),
            cancellationToken).ConfigureAwait(false);
        await DrillDisbursements.VoteYesAsync(context, dependent, cancellationToken).ConfigureAwait(false);
        var rolledBack = await context.CallAsync(TreasuryRpc.Rollback, new DisbursementRollbackParams(dependency, $"{TitlePrefix}: the dependency failed"), cancellationToken).ConfigureAwait(false);

        var did = new List<string>
        {
            $"proposed disbursement {dependency} \"{DependencyTitle}\" and {dependent} \"{DependentTitle}\" (deps [{dependency}]), {Amount} CT each to {destination}, vote window {voteWindowEpochs} epoch(s); voted {dependent} yes",
            $"rolled back disbursement {dependency} (now {rolledBack.Status.State}, admin token): the dependency failed",
        };
        var shown = await context.CallAsync(TreasuryRpc.Show, new DisbursementShowParams(Id: dependent), cancellationToken).ConfigureAwait(false);
        if (shown.Status.State == DisbursementStates.Name(DisbursementState.RolledBack))
        {
            did.Add($"the chain cascaded in the same block (treasury.cascade_rollback on): disbursement {dependent} is rolled_back, \"{shown.Status.Reason}\"; Path A's rollback of it is refused as already_final");
            return Report(did, dependency, dependent, cascaded: true);
        }

        var stuck = await WaitUntilQueuedAsync(context, dependent, DrillDisbursements.UntilQueued(status, voteWindowEpochs), cancellationToken).ConfigureAwait(false);
        did.Add($"no cascade (a devnet started with --no-cascade-rollback): disbursement {dependent} passed its vote and is {stuck.Status.State} behind rolled-back {dependency}; the executor never pays it and it stays in the backlog until rolled back");
        return Report(did, dependency, dependent, cascaded: false);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // Dependents first (higher ids), so rolling back a dependency cannot cascade under a rollback about to be sent.
        var open = await DrillDisbursements.OpenAsync(context, title => title.StartsWith(TitlePrefix, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
        var did = new List<string>();
        foreach (var disbursement in open.OrderByDescending(d => d.Id))
        {
            var reason = await FailedDependencyAsync(context, disbursement, cancellationToken).ConfigureAwait(false) is { } failed
                ? $"Dependency {failed} was rolled back"
                : $"{TitlePrefix} recovered";
            var rolledBack = await context.CallAsync(TreasuryRpc.Rollback, new DisbursementRollbackParams(disbursement.Id, reason), cancellationToken).ConfigureAwait(false);
            did.Add($"rolled back disbursement {disbursement.Id} \"{disbursement.Title}\" (now {rolledBack.Status.State}, reason \"{reason}\")");
        }

        if (did.Count == 0)
        {
            did.Add($"nothing to undo: no disbursement titled \"{TitlePrefix} …\" is open (with cascade on, the chain already rolled the dependent back)");
        }

        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            did,
            [
                "treasury_disbursement_backlog",
                $"contract-cli gov treasury list --status queued --limit 200 | jq '[.disbursements[] | select(.title | startswith(\"{TitlePrefix}\"))] | length'",
            ]);
    }

    private DrillReport Report(List<string> did, ulong dependency, ulong dependent, bool cascaded) =>
        new(
            Name,
            Recover: false,
            Reproduces,
            did,
            [
                .. cascaded
                    ? (string[])[
                        "no alert fires: the chain settled Path A itself, the dependent is final and nothing waits",
                        "increase(governance_disbursements_total{status=\"rolled_back\"}[5m])",
                    ]
                    : [
                        "alert TreasuryNoProgress (increase(governance_disbursements_total{status=\"finalized\"}[10m]) == 0 while the backlog is not empty, for 10m) fires only where nothing else finalizes (a devnet with --no-simulator); TreasuryBacklogWarning needs more than 50 queued, so with other payouts finalizing no alert fires for one stuck disbursement",
                        "treasury_disbursement_backlog - treasury_executor_pending_matured > 0",
                        "contract-cli gov treasury list --status queued --limit 50 | jq -r '.disbursements[] | select(.proposal.deps != []) | .id'",
                    ],
                $"contract-cli gov treasury show --id {dependent} | jq '{{id, deps: .proposal.deps, state: .status.state, reason: .status.reason}}'",
                $"contract-cli gov treasury show --id {dependency} | jq '.status | {{state, reason}}'",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);

    /// <summary>The first of <paramref name="disbursement"/>'s dependencies that is rolled back, as Path A checks them.</summary>
    private static async Task<ulong?> FailedDependencyAsync(CommandContext context, DisbursementView disbursement, CancellationToken cancellationToken)
    {
        foreach (var dep in disbursement.Proposal.Deps)
        {
            var shown = await context.CallAsync(TreasuryRpc.Show, new DisbursementShowParams(Id: dep), cancellationToken).ConfigureAwait(false);
            if (shown.Status.State == DisbursementStates.Name(DisbursementState.RolledBack))
            {
                return dep;
            }
        }

        return null;
    }

    private static async Task<DisbursementView> WaitUntilQueuedAsync(CommandContext context, ulong id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        context.Progress?.Write($"waiting for disbursement {id} to pass its vote and queue ");
        while (true)
        {
            var disbursement = await context.CallAsync(TreasuryRpc.Show, new DisbursementShowParams(Id: id), cancellationToken).ConfigureAwait(false);
            if (disbursement.Status.State == DisbursementStates.Name(DisbursementState.Queued))
            {
                context.Progress?.WriteLine("queued");
                return disbursement;
            }

            if (DisbursementStates.TryParse(disbursement.Status.State, out var state) && state.IsFinal())
            {
                throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.Rejected,
                    $"disbursement {id} is {disbursement.Status.State} ({disbursement.Status.Reason}), so it cannot show a stuck dependent; run the drill again after: contract-cli dev drill treasury-dependency-rollback --recover"));
            }

            if (DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.Timeout,
                    $"disbursement {id} is {disbursement.Status.State} and not queued within {timeout.TotalSeconds:0} s; watch: contract-cli gov treasury show --id {id} | jq .status"));
            }

            context.Progress?.Write('.');
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
