using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// <c>dev drill treasury-insufficient-funds</c>: the CLI's key (dev-1, which passes a devnet proposal alone) proposes a
/// disbursement of ten times the treasury's <c>ct</c> balance and votes yes; once it is queued the executor finds it
/// short every tick (<c>last_error insufficient_funds</c>, <c>treasury_execution_errors_total{reason="insufficient_funds"}</c>),
/// the runbook's "Treasury Stuck", path B. Accruals would cover it only after days. <c>--recover</c> rolls back (admin
/// token) every drill disbursement not yet final, found by its title, and the error clears on the next tick.
/// </summary>
internal sealed class InsufficientFundsDrill : IDrill
{
    /// <summary>How --recover finds what the drill proposed.</summary>
    public const string DrillTitle = "drill: treasury-insufficient-funds";

    private const ulong ShortfallFactor = 10;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public string Name => "treasury-insufficient-funds";

    public string Reproduces => "Treasury Stuck, path B: a queued disbursement the treasury cannot pay";

    public IReadOnlyList<Option> Options => [];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = await context.CallAsync(CoreRpc.NodeStatus, NoParams.Value, cancellationToken).ConfigureAwait(false);
        var balance = await context.CallAsync(TreasuryRpc.Balance, NoParams.Value, cancellationToken).ConfigureAwait(false);
        var amount = Math.Max(balance.BalanceCt, 1) * ShortfallFactor;
        var voteWindowEpochs = DrillDisbursements.VoteWindowEpochs(status);
        var destination = DrillDisbursements.OwnAddress(context);
        var proposal = DrillDisbursements.Proposal(
            DrillTitle,
            "contract-cli dev drill: more than the treasury holds, so the executor reports insufficient_funds",
            destination,
            amount,
            voteWindowEpochs,
            deps: []);
        var id = await DrillDisbursements.CreateAsync(context, proposal, cancellationToken).ConfigureAwait(false);
        await DrillDisbursements.VoteYesAsync(context, id, cancellationToken).ConfigureAwait(false);

        // The tally closes the vote window, then the executor's next tick finds it short.
        var executor = await WaitUntilShortAsync(context, id, DrillDisbursements.UntilQueued(status, voteWindowEpochs), cancellationToken).ConfigureAwait(false);
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                $"proposed disbursement {id} \"{DrillTitle}\" of {amount} CT (ten times the treasury's {balance.BalanceCt} CT) to {destination}, vote window {voteWindowEpochs} epoch(s)",
                $"voted yes with the CLI key; it passed and is queued",
                $"the executor finds it short every tick: last_error {executor.LastError}, {executor.LastErrorDetail}",
            ],
            [
                "alert TreasuryExecutorFailing (critical): treasury_execution_errors:rate5m > 1, one error a tick (fires when blocks are shorter than 1 s)",
                "alert TreasuryExecutorNotProgressing (critical): no executor tick without an error for 5m (30 s on a devnet at time scale 10)",
                "rate(treasury_execution_errors_total{reason=\"insufficient_funds\"}[5m])",
                "contract-cli gov treasury balance | jq '.executor | {last_error, last_error_detail, pending_matured}'",
                $"contract-cli gov treasury show --id {id} | jq .status",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var open = await DrillDisbursements.OpenAsync(context, title => title == DrillTitle, cancellationToken).ConfigureAwait(false);
        var did = new List<string>();
        foreach (var id in open.Select(d => d.Id))
        {
            var rolledBack = await context.CallAsync(TreasuryRpc.Rollback, new DisbursementRollbackParams(id, $"{DrillTitle} recovered"), cancellationToken).ConfigureAwait(false);
            did.Add($"rolled back disbursement {id} (now {rolledBack.Status.State}): the executor stops finding it short on its next tick");
        }

        if (did.Count == 0)
        {
            did.Add($"nothing to undo: no disbursement titled \"{DrillTitle}\" is open");
        }

        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            did,
            [
                "increase(treasury_execution_errors_total{reason=\"insufficient_funds\"}[1m]) == 0",
                "contract-cli gov treasury balance | jq '.executor | {last_error, last_success_at}'",
            ]);
    }

    private static async Task<ExecutorStatus> WaitUntilShortAsync(CommandContext context, ulong id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        context.Progress?.Write($"waiting for the executor to find disbursement {id} short ");
        while (true)
        {
            var disbursement = await context.CallAsync(TreasuryRpc.Show, new DisbursementShowParams(Id: id), cancellationToken).ConfigureAwait(false);
            if (disbursement.Status.State is "rolled_back" or "executed" or "finalized")
            {
                throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.Rejected,
                    $"disbursement {id} is {disbursement.Status.State} ({disbursement.Status.Reason}), so it cannot show insufficient_funds; run the drill again"));
            }

            var executor = (await context.CallAsync(TreasuryRpc.Balance, NoParams.Value, cancellationToken).ConfigureAwait(false)).Executor;
            if (executor.LastError == TreasuryReasons.InsufficientFunds && executor.LastErrorDetail?.Contains($"disbursement {id} ", StringComparison.Ordinal) == true)
            {
                context.Progress?.WriteLine("short");
                return executor;
            }

            if (DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.Timeout,
                    $"disbursement {id} is {disbursement.Status.State} and the executor has not reported it short within {timeout.TotalSeconds:0} s; watch: contract-cli gov treasury balance | jq .executor"));
            }

            context.Progress?.Write('.');
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
