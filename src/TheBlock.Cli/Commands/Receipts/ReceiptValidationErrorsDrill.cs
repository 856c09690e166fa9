using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Receipts;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>dev drill receipt-validation-errors</c>: the devnet's simulated storage, compute and ad providers follow every
/// receipt they post with a copy signed with another provider's key (admin <c>debug.receipts.traffic.set
/// bad_signatures=true</c>), as a provider whose signing key no longer matches its registration would. The emitter
/// refuses each as <c>signature_invalid</c> at ingestion, where <c>receipt_validation_errors_total</c> counts the runbook's
/// validation failures, so validation success falls to about 50 % (alert ReceiptsValidationSuccessLow below 97 %) while
/// the good receipts go on emitting. <c>--recover</c> stops the bad copies; a devnet restart does too.
/// </summary>
internal sealed class ReceiptValidationErrorsDrill : IDrill
{
    private const string Alert = "ReceiptsValidationSuccessLow";
    private const string Ratio = "receipt_validation_success:ratio5m";

    public string Name => "receipt-validation-errors";

    public string Reproduces => "Receipts Flatlining: receipts fail validation (signature_invalid) at the emitter, validation success far below 97 %";

    public IReadOnlyList<Option> Options => [];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = await context.CallAsync(ReceiptsRpc.TrafficSet, new ReceiptsTrafficParams(BadSignatures: true), cancellationToken).ConfigureAwait(false);
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                $"switched on badly signed receipts ({ReceiptsMethods.TrafficSet} bad_signatures=true): providers {string.Join(", ", state.Providers)} follow every receipt with a copy signed with another provider's key",
                "the receipt-emitter refuses each copy as signature_invalid (receipt_validation_errors_total, ReceiptRejected in receipt-emitter.log); the good receipts go on emitting, so about half of all receipts fail validation",
                state.Active
                    ? "the simulated traffic is on"
                    : "the simulated traffic is off (a market-flatline drill): nothing is posted, good or bad, until contract-cli dev drill market-flatline --recover",
            ],
            [
                $"alert {Alert} (warning): {Ratio} < 0.97 for 10m (1m on a devnet started with --block-interval-ms 250 --epoch-length 48)",
                Ratio,
                "sum by (reason) (rate(receipt_validation_errors_total[5m]))",
                "ALERTS{alertname=\"" + Alert + "\"}",
                "contract-cli receipts stats --market all | jq '.markets[] | {market, validation_errors}'",
                "grep 'ReceiptRejected' devnet-data/logs/receipt-emitter.log | grep -c reason=signature_invalid",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = await context.CallAsync(ReceiptsRpc.TrafficSet, new ReceiptsTrafficParams(BadSignatures: false), cancellationToken).ConfigureAwait(false);
        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [$"switched badly signed receipts off ({ReceiptsMethods.TrafficSet} bad_signatures=false): providers {string.Join(", ", state.Providers)} post only good receipts (and the simulator's rare bad one)"],
            [
                $"{Ratio} > 0.97   # once the 5m window (30s on a 10x devnet) holds no drill refusals; then alert {Alert} resolves",
                "increase(receipt_validation_errors_total{reason=\"signature_invalid\"}[1m])   # back to the simulator's own now and then",
            ]);
    }
}
