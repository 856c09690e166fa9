using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// The contract-cli pipelines, log searches and PromQL of the runbook's "Receipts Flatlining" section
/// (seeds/RUNBOOK.md), copied verbatim. <see cref="ForDevnet"/> points <c>/var/log/node</c> at the devnet's log
/// directory; nothing else is changed. The <c>prometheus_query</c> lines run against a real Prometheus
/// (<see cref="Queries"/>); <c>systemctl</c> and <c>watch</c> are the host's, not ours.
/// </summary>
public static class ReceiptsRunbook
{
    /// <summary>Step 3 (runbook, as written).</summary>
    public const string Step3PerMarketDiagnostics = """
        # Storage market
        echo "=== Storage market ==="
        contract-cli receipts stats --market storage
        grep storage /var/log/node/receipts.log | tail -20

        # Compute market
        echo "=== Compute market ==="
        contract-cli receipts stats --market compute
        grep compute /var/log/node/receipts.log | tail -20

        # Energy market
        echo "=== Energy market ==="
        contract-cli receipts stats --market energy
        grep energy /var/log/node/receipts.log | tail -20

        # Ad market
        echo "=== Ad market ==="
        contract-cli receipts stats --market ad
        grep ad /var/log/node/receipts.log | tail -20
        """;

    /// <summary>Step 4's contract-cli lines (runbook, as written; its prometheus_query line is in <see cref="Queries"/>).</summary>
    public const string Step4BlockProgression = """
        echo "=== Current block ==="
        contract-cli node status | jq '.current_block_height'

        echo "=== Consensus status ==="
        contract-cli node consensus --status
        """;

    /// <summary>"For validation errors" (runbook, as written, without the host's <c>watch</c>).</summary>
    public const string ValidationErrorsResolution = """
        # Clear validation state (if safe)
        contract-cli receipts reset-validation-state

        # Re-validate last N blocks
        contract-cli receipts validate --from-block $((
          $(contract-cli node status | jq .current_block_height) - 100
        ))
        """;

    /// <summary>"For stalled markets": the monitoring command <c>watch</c> repeats (runbook, as written, once).</summary>
    public const string StalledMarketsMonitor = "contract-cli receipts stats --market storage";

    /// <summary>Every PromQL expression of the section, as written.</summary>
    public static IReadOnlyList<string> Queries { get; } =
    [
        "rate(receipt_emitted_total[1m])",
        "increase(receipt_emitted_total[10m]) == 0",
        "rate(receipt_validation_errors_total[5m])",
        "receipt_validation_errors_total{reason=\"schema_mismatch\"}",
        "receipt_validation_errors_total{reason=\"duplicate_detection\"}",
        "receipt_validation_errors_total{reason=\"signature_invalid\"}",
        "increase(block_height_total[50m])",
        "receipt_validation_errors_total",
    ];

    public static string ForDevnet(string script, DevnetProcess devnet) =>
        script.Replace("/var/log/node", Path.GetDirectoryName(devnet.NodeLog)!, StringComparison.Ordinal);
}
