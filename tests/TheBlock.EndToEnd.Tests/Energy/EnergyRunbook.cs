using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// The contract-cli pipelines and log searches of the runbook's "Energy Stalled" section (seeds/RUNBOOK.md), copied
/// verbatim. <see cref="ForDevnet"/> points <c>/var/log/node</c> and <c>/var/log/oracle</c> at the devnet's log directory
/// (where node.log and oracle.log both live); nothing else is changed. The system-clock and ssh commands around them
/// (timedatectl, ntpq, ssh) are the host's, not ours, and the prometheus_query lines are read from /metrics instead.
/// </summary>
public static class EnergyRunbook
{
    /// <summary>Step 2's log search (runbook, as written).</summary>
    public const string Step2RecentVerificationFailures = """
        echo "=== Recent verification failures ==="
        grep "signature_verification_failed\|SignatureInvalid" /var/log/node/*.log | tail -30
        """;

    /// <summary>Step 3 (runbook, as written).</summary>
    public const string Step3MeterReadingAccumulation = """
        echo "=== Pending credits (kWh) ==="
        contract-cli energy credits list --status pending --limit 50 | jq \
          '.credits | {total_kwh: map(.amount_kwh) | add, count: length}'

        echo "=== Credits by provider ==="
        contract-cli energy credits list --status pending --limit 200 | jq \
          '.credits | group_by(.provider_id) | map({provider: .[0].provider_id, count: length, total_kwh: map(.amount_kwh) | add})'
        """;

    /// <summary>Step 4 (runbook, as written, without the host's clock commands).</summary>
    public const string Step4TimestampIssues = """
        echo "=== Timestamp skew errors ==="
        grep "timestamp_skew\|TimestampSkew" /var/log/node/*.log | wc -l

        echo "=== Provider clock differences ==="
        for provider in $(contract-cli energy market | jq -r '.providers[].provider_id' | head -10); do
          last_reading=$(contract-cli energy provider show "$provider" | jq .last_settlement)
          echo "$provider: $last_reading"
        done
        """;

    /// <summary>Step 5 (runbook, as written).</summary>
    public const string Step5ProviderStatus = """
        echo "=== Inactive providers ==="
        contract-cli energy market | jq '.providers[] | select(.status != "active") | {provider_id, status, reputation_score}'

        echo "=== Providers with poor reputation ==="
        contract-cli energy market | jq '.providers[] | select(.reputation.composite_score < 0.5) | {provider_id, score: .reputation.composite_score}'
        """;

    /// <summary>Path A's queue check (runbook, as written).</summary>
    public const string PathAQueueDepth = """
        # Check oracle queue depth
        grep "pending_verifications\|queue_depth" /var/log/oracle/*.log | tail -10
        """;

    /// <summary>Path B's key checks (runbook, as written).</summary>
    public const string PathBProviderKeys = """
        # Check provider keys
        echo "=== Checking oracle key manager ==="
        contract-cli energy oracle keys status

        # Verify provider public keys in registry
        for provider in $(contract-cli energy market | jq -r '.providers[].provider_id' | head -5); do
          key=$(contract-cli energy provider show "$provider" | jq .public_key)
          echo "$provider: $key"
        done
        """;

    /// <summary>Path D (runbook, as written, without the prometheus_query line).</summary>
    public const string PathDReputation = """
        # Check what caused reputation drops
        echo "=== Recent disputes ==="
        contract-cli energy disputes list --limit 20

        # Review evidence
        for dispute_id in $(contract-cli energy disputes list --status resolved | jq -r '.disputes[].dispute_id' | head -5); do
          echo "Dispute $dispute_id:"
          contract-cli energy disputes show --id "$dispute_id"
        done
        """;

    public static string ForDevnet(string script, DevnetProcess devnet)
    {
        var logs = Path.GetDirectoryName(devnet.NodeLog)!;
        return script.Replace("/var/log/node", logs, StringComparison.Ordinal).Replace("/var/log/oracle", logs, StringComparison.Ordinal);
    }
}
