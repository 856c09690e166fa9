using System.Globalization;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>
/// <c>dev drill executor-consensus-timeout</c>: the node's <c>block_inclusion</c> fault keeps blocks coming but empty, so
/// the executor's next lease renewal (and any payout) is never included and, after <c>Node:ExecutorInclusionTimeoutBlocks</c>,
/// every tick reports <c>consensus_timeout</c>, the runbook's "Treasury Stuck", path C. A renewal is due once half the
/// lease is left, so the error shows within half a lease (30 s by default) and that many blocks. <c>--recover</c>
/// switches the fault off; the next block includes what waited and the error clears.
/// </summary>
internal sealed class ExecutorConsensusTimeoutDrill : ExecutorFaultDrill
{
    /// <summary>Headroom for <c>Node:ExecutorInclusionTimeoutBlocks</c> (10 by default), which the client cannot read.</summary>
    private const ulong InclusionTimeoutBlocks = 100;

    public override string Name => "executor-consensus-timeout";

    public override string Reproduces => "Treasury Stuck, path C: the executor reports consensus_timeout (blocks include nothing)";

    protected override string Fault => "block_inclusion";

    protected override string Reason => TreasuryReasonRegistry.Executor.ConsensusTimeout;

    protected override string Effect =>
        "blocks go on but include no transaction, so the executor's lease renewal (and any payout) waits in the mempool; past Node:ExecutorInclusionTimeoutBlocks every tick, one a block, reports it";

    protected override TimeSpan UntilReported(NodeStatus status, ExecutorStatus executor)
    {
        var leaseLeft = Math.Max(0, (executor.LeaseExpiresAt ?? 0) - DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return TimeSpan.FromSeconds(leaseLeft + 10) + TimeSpan.FromMilliseconds(InclusionTimeoutBlocks * Math.Max(status.BlockIntervalMs, 100));
    }

    protected override string Alert(NodeStatus status)
    {
        var perSecond = 1000.0 / Math.Max(status.BlockIntervalMs, 1);
        var rate = perSecond.ToString("0.##", CultureInfo.InvariantCulture);
        return perSecond > 1
            ? $"alert TreasuryExecutorFailing (treasury_execution_errors:rate5m > 1): one error a tick per stuck transaction, at least {rate}/s at {status.BlockIntervalMs} ms blocks, so it fires once the rate window has filled"
            : $"alert TreasuryExecutorFailing (treasury_execution_errors:rate5m > 1) cannot fire on the stuck lease renewal alone here: one error a tick is {rate}/s at {status.BlockIntervalMs} ms blocks (it needs blocks under 1000 ms, or a payout stuck too); watch the rate below instead";
    }
}
