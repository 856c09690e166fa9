using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Energy;
using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>dev drill oracle-latency</c>: the node answers the oracle slowly (the runbook's "Energy Stalled", path A). It
/// switches on the energy module's fault <c>readings_submit_delay</c> (admin <c>debug.fault.set</c>), so the node holds
/// every reading batch for its <c>--fault-delay-ms</c> (12 s by default) before admitting it, so every reading of the
/// simulator now waits at least 12 s from its arrival at the oracle to its block (longer when it queues behind a held
/// batch: each replica has one in flight) and
/// <c>oracle_latency_seconds_p95</c> rises past the 10 s of <c>OracleLatencyHigh</c> (past 30 s, <c>OracleLatencyCritical</c>,
/// with <c>--fault-delay-ms 25000</c>). Needs a devnet started with <c>--allow-fault-injection</c>; the drill and its
/// recovery are refused otherwise (<see cref="DrillFaults"/>) before anything changes. <c>--recover</c> switches the fault off; the switch lives in the node's memory, so a
/// restart also recovers.
/// </summary>
internal sealed class OracleLatencyDrill : IDrill
{
    public string Name => "oracle-latency";

    public string Reproduces => "Energy Stalled, path A: the node admits reading batches slowly, so oracle latency p95 rises";

    public IReadOnlyList<Option> Options => [];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await DrillFaults.SetAsync(context, Name, EnergyFaults.ReadingsSubmitDelay, active: true, cancellationToken).ConfigureAwait(false);
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                $"switched on {EnergyFaults.ReadingsSubmitDelay} ({TreasuryMethods.FaultSet}): the node holds every energy.readings.submit for the devnet's --fault-delay-ms (default 12000 ms) before admitting its readings",
                "every reading now waits at least one delay from its arrival at the oracle to its block, two when it queues behind a held batch (each replica forwards one at a time); the simulator's readings keep flowing",
            ],
            [
                "alert OracleLatencyHigh (warning): oracle_latency_seconds_p95 > 10 for 5m (30 s on a devnet at time scale 10)",
                "alert OracleLatencyCritical (critical): oracle_latency_seconds_p95 > 30 (start the devnet with --fault-delay-ms 25000 to reach it)",
                "histogram_quantile(0.95, sum by (le) (rate(oracle_latency_seconds_bucket[5m])))",
                "curl -s http://127.0.0.1:9465/metrics | grep -E '^oracle_latency_seconds_(count|bucket\\{le=\"10\"\\})'",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await DrillFaults.SetAsync(context, Name, EnergyFaults.ReadingsSubmitDelay, active: false, cancellationToken).ConfigureAwait(false);

        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [
                $"switched off {EnergyFaults.ReadingsSubmitDelay} ({TreasuryMethods.FaultSet} active=false): the node admits reading batches at once again",
                "batches already held finish their delay; new readings reach a block within a second or two",
            ],
            [
                "oracle_latency_seconds_p95 < 5   # the SLO, once the 5m window (30 s on a time-scaled devnet) has passed",
                "curl -s http://127.0.0.1:9465/metrics | grep -E '^oracle_latency_seconds_(count|bucket\\{le=\"10\"\\})'   # the count grows, the part above 10 s does not",
            ]);
    }
}
