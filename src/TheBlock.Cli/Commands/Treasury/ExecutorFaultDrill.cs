using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// A drill of the runbook's "Treasury Stuck", path C: it switches one of the node's injected faults on (admin
/// <c>debug.fault.set</c>, a devnet started with <c>--allow-fault-injection</c>) and waits until the executor reports
/// the <c>last_error</c> the fault causes; <c>--recover</c> switches it off and waits until that error has cleared.
/// Faults live in the node's memory: restarting the devnet (the runbook's own fix) also recovers.
/// </summary>
internal abstract class ExecutorFaultDrill : IDrill
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public abstract string Name { get; }

    public abstract string Reproduces { get; }

    public IReadOnlyList<Option> Options => [];

    /// <summary>The <c>debug.fault.set</c> fault switched.</summary>
    protected abstract string Fault { get; }

    /// <summary>The executor reason (<c>last_error</c>, the metric's label) the fault causes.</summary>
    protected abstract string Reason { get; }

    /// <summary>What the node does while the fault is on, as one sentence of the report.</summary>
    protected abstract string Effect { get; }

    /// <summary>The longest the executor can take, once the fault is on, to report <see cref="Reason"/>.</summary>
    protected abstract TimeSpan UntilReported(NodeStatus status, ExecutorStatus executor);

    /// <summary>The alert the symptom should raise on this chain, and whether it can: one watch line.</summary>
    protected abstract string Alert(NodeStatus status);

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = await context.CallAsync(CoreRpc.NodeStatus, NoParams.Value, cancellationToken).ConfigureAwait(false);
        var executor = (await context.CallAsync(TreasuryRpc.Balance, NoParams.Value, cancellationToken).ConfigureAwait(false)).Executor;
        if (!executor.Enabled || executor.Paused)
        {
            throw new CliException(CliErrors.Failed(
                CoreReasonRegistry.Cli.Rejected,
                executor.Paused
                    ? $"the treasury executor is paused, so it would not tick and report {Reason}; resume it first (contract-cli gov treasury executor resume); nothing was changed"
                    : $"the treasury executor is disabled on node {executor.NodeId}, so nothing would report {Reason}; nothing was changed"));
        }

        await DrillFaults.SetAsync(context, Name, Fault, active: true, cancellationToken).ConfigureAwait(false);
        var timeout = UntilReported(status, executor);
        var reported = await WaitForExecutorAsync(context, e => e.LastError == Reason, timeout, $"waiting for the executor to report {Reason} ", cancellationToken).ConfigureAwait(false);
        if (reported is null)
        {
            // Not left on silently: a fault that shows nothing would only break the devnet.
            await DrillFaults.SetAsync(context, Name, Fault, active: false, cancellationToken).ConfigureAwait(false);
            throw new CliException(CliErrors.Failed(
                CoreReasonRegistry.Cli.Timeout,
                $"the executor did not report {Reason} within {timeout.TotalSeconds:0} s of the \"{Fault}\" fault; the fault is switched off again; watch: contract-cli gov treasury balance | jq .executor"));
        }

        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                $"switched the node's \"{Fault}\" fault on ({TreasuryMethods.FaultSet}, admin token)",
                Effect,
                $"the executor fails every tick: last_error {reported.LastError}, {reported.LastErrorDetail}",
            ],
            [
                Alert(status),
                $"rate(treasury_execution_errors_total{{reason=\"{Reason}\"}}[5m])",
                "contract-cli gov treasury balance | jq '.executor | {last_error, last_error_detail, last_success_at}'",
                "contract-cli node status | jq .current_block_height",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = await context.CallAsync(CoreRpc.NodeStatus, NoParams.Value, cancellationToken).ConfigureAwait(false);
        var before = (await context.CallAsync(TreasuryRpc.Balance, NoParams.Value, cancellationToken).ConfigureAwait(false)).Executor;
        await DrillFaults.SetAsync(context, Name, Fault, active: false, cancellationToken).ConfigureAwait(false);

        // The next block wakes the executor; a clean tick clears the error.
        var timeout = TimeSpan.FromMilliseconds(Math.Max(status.BlockIntervalMs, 100) * 60);
        var cleared = await WaitForExecutorAsync(context, e => e.LastError != Reason, timeout, $"waiting for the executor's {Reason} to clear ", cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(CliErrors.Failed(
                CoreReasonRegistry.Cli.Timeout,
                $"the \"{Fault}\" fault is off but the executor still reports {Reason} after {timeout.TotalSeconds:0} s; restart the devnet (the runbook's fix) and watch: contract-cli gov treasury balance | jq .executor"));
        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [
                $"switched the node's \"{Fault}\" fault off ({TreasuryMethods.FaultSet}, admin token)",
                (before.LastError == Reason, cleared.LastError) switch
                {
                    (true, null) => $"the executor's last_error cleared (was {Reason}): its last tick succeeded",
                    (true, _) => $"the executor no longer reports {Reason}; it reports {cleared.LastError} now, which is not this drill's: {cleared.LastErrorDetail}",
                    (false, _) => $"the executor was not reporting {Reason}; its last_error is {cleared.LastError ?? "null"}",
                },
            ],
            [
                $"increase(treasury_execution_errors_total{{reason=\"{Reason}\"}}[1m]) == 0",
                "contract-cli gov treasury balance | jq '.executor | {last_error, last_success_at}'",
            ]);
    }

    /// <summary>Polls the executor until <paramref name="done"/> holds; null when <paramref name="timeout"/> passed first.</summary>
    private static async Task<ExecutorStatus?> WaitForExecutorAsync(CommandContext context, Func<ExecutorStatus, bool> done, TimeSpan timeout, string progress, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        context.Progress?.Write(progress);
        while (true)
        {
            var executor = (await context.CallAsync(TreasuryRpc.Balance, NoParams.Value, cancellationToken).ConfigureAwait(false)).Executor;
            if (done(executor))
            {
                context.Progress?.WriteLine("done");
                return executor;
            }

            if (DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                context.Progress?.WriteLine("timed out");
                return null;
            }

            context.Progress?.Write('.');
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
