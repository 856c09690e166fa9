using System.Globalization;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// <c>dev drill executor-ledger-unavailable</c>: the node's <c>storage</c> fault fails every block commit and every
/// executor read, so blocks stop and the executor reports <c>ledger_unavailable</c> on every tick, the runbook's
/// "Treasury Stuck", path C. With no block to wake it the executor ticks every two block intervals, which is what
/// TreasuryExecutorFailing's rate sees. <c>--recover</c> switches the fault off; the next block clears the error.
/// </summary>
internal sealed class ExecutorLedgerUnavailableDrill : ExecutorFaultDrill
{
    /// <summary>The executor's idle tick while blocks stop: every two block intervals (TreasuryExecutor).</summary>
    private const double IdleTickBlocks = 2;

    public override string Name => "executor-ledger-unavailable";

    public override string Reproduces => "Treasury Stuck, path C: the executor reports ledger_unavailable (storage failing)";

    protected override string Fault => "storage";

    protected override string Reason => TreasuryReasonRegistry.Executor.LedgerUnavailable;

    protected override string Effect =>
        "every block commit fails (BlockCommitFailed in node.log, block_commit_failures_total climbs), so blocks stop; every executor read fails, and with no block to wake it the executor ticks every two block intervals";

    protected override TimeSpan UntilReported(NodeStatus status, ExecutorStatus executor) =>
        TimeSpan.FromMilliseconds(Math.Max(10_000, 20 * Math.Max(status.BlockIntervalMs, 100)));

    protected override string Alert(NodeStatus status)
    {
        var perSecond = 1000 / (IdleTickBlocks * Math.Max(status.BlockIntervalMs, 1));
        var rate = perSecond.ToString("0.##", CultureInfo.InvariantCulture);
        return perSecond > 1
            ? $"alert TreasuryExecutorFailing (treasury_execution_errors:rate5m > 1): one error per idle tick, {rate}/s at {status.BlockIntervalMs} ms blocks, so it fires once the rate window has filled"
            : $"alert TreasuryExecutorFailing (treasury_execution_errors:rate5m > 1) cannot fire here: one error per idle tick is {rate}/s at {status.BlockIntervalMs} ms blocks (it needs blocks under 500 ms, e.g. the-block devnet --block-interval-ms 250); watch the rate below instead";
    }
}
