using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Receipts;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>dev drill market-flatline</c>: the devnet's simulated storage, compute and ad providers stop posting receipts
/// (admin <c>debug.receipts.traffic.set</c>), so those three markets stop emitting once the emitter's queue drains while
/// energy and blocks go on, the runbook's "Receipts Flatlining" with the emitter's markets silent. <c>--recover</c>
/// switches the traffic on again. The switch lives in the devnet's memory: restarting the devnet also recovers.
/// </summary>
internal sealed class MarketFlatlineDrill : IDrill
{
    public string Name => "market-flatline";

    public string Reproduces => "Receipts Flatlining: storage, compute and ad stop emitting while energy and blocks go on";

    public IReadOnlyList<Option> Options => [];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = await context.CallAsync(ReceiptsRpc.TrafficSet, new ReceiptsTrafficParams(Active: false), cancellationToken).ConfigureAwait(false);
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                $"switched the devnet's simulated receipts off ({ReceiptsMethods.TrafficSet} active=false): providers {string.Join(", ", state.Providers)} post nothing",
                "storage, compute and ad stop emitting once the emitter has forwarded what it holds (a few blocks); energy and blocks go on",
            ],
            [
                "alert ReceiptsMarketFlatline (critical), per market: increase(receipt_emitted_total[1m]) == 0 for 30s (6 s and 3 s at time scale 10)",
                "increase(receipt_emitted_total[10m]) == 0",
                "contract-cli receipts stats --market all | jq '.markets[] | {market, emitted_last_10_blocks, last_emitted_height}'",
                "contract-cli node status | jq .current_block_height",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = await context.CallAsync(ReceiptsRpc.TrafficSet, new ReceiptsTrafficParams(Active: true), cancellationToken).ConfigureAwait(false);
        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [$"switched the devnet's simulated receipts on again ({ReceiptsMethods.TrafficSet} active=true): providers {string.Join(", ", state.Providers)} post receipts every second"],
            [
                "rate(receipt_emitted_total{market=~\"storage|compute|ad\"}[1m]) > 0",
                "contract-cli receipts stats --market storage | jq '{emitted_last_10_blocks, last_emitted_height}'",
            ]);
    }
}
