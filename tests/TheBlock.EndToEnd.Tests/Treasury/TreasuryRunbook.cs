using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// The contract-cli pipelines of the runbook's "Treasury Stuck" section (seeds/RUNBOOK.md), copied verbatim, with the
/// fixes docs/TREASURY.md documents where the runbook's own text cannot work. <see cref="ForDevnet"/> points
/// <c>/var/log/node</c> at the devnet's log directory; nothing else is changed.
/// </summary>
public static class TreasuryRunbook
{
    /// <summary>Step 1 (runbook, as written).</summary>
    public const string Step1ExecutorHealth = """
        contract-cli gov treasury balance | jq .executor
        # Look for:
        #   last_error: string (should be null)
        #   last_success_at: recent timestamp
        #   pending_matured: count of ready-to-execute
        #   lease_holder: node_a (should be active node)
        #   lease_expires_at: future timestamp
        """;

    /// <summary>Step 2 (runbook, as written).</summary>
    public const string Step2StuckDisbursements = """
        echo "=== Disbursements stuck for >1 hour ==="
        contract-cli gov treasury list --limit 200 --status queued | jq \
          '.disbursements[] | select(.created_at < (now - 3600)) | {id, created_at, updated_at}'

        echo "=== Count stuck disbursements ==="
        contract-cli gov treasury list --limit 200 --status queued | jq \
          '.disbursements | length'
        """;

    /// <summary>Step 3 as docs/TREASURY.md fixes it: the list is one JSON document, so the ids are extracted with jq -r first.</summary>
    public const string Step3DependencyFailures = """
        contract-cli gov treasury list --status queued --limit 50 | jq -r '.disbursements[].id' | while read id; do
          deps=$(contract-cli gov treasury show --id "$id" | jq -c '.proposal.deps')
          if [ "$deps" != "[]" ]; then
            echo "ID $id depends on: $deps"
            echo "$deps" | jq '.[]' | while read dep_id; do
              state=$(contract-cli gov treasury show --id "$dep_id" | jq -r '.status.state')
              echo "  ↳ Dependency $dep_id: $state"
            done
          fi
        done
        """;

    /// <summary>Step 4's log search (runbook, as written; the prometheus_query lines are read from /metrics by the tests instead).</summary>
    public const string Step4ExecutorErrors = """
        echo "=== Recent treasury executor errors ==="
        grep "treasury_executor\|DisbursementError" /var/log/node/*.log \
          | grep -E "ERROR|WARN" \
          | tail -50
        """;

    /// <summary>Step 5 (runbook, as written).</summary>
    public const string Step5Balance = """
        contract-cli gov treasury balance | jq '{balance_ct, balance_it}'

        # If insufficient, show what's waiting to execute
        echo "=== Pending disbursements (sum of amounts) ==="
        contract-cli gov treasury list --status queued --limit 200 | jq \
          '.disbursements | map(.amount_ct) | add'
        """;

    /// <summary>Path A (runbook, as written; &lt;STUCK_ID&gt; is replaced by the stuck disbursement's id).</summary>
    public const string PathADependencyIssue = """
        # List dependencies and their states
        contract-cli gov treasury show --id <STUCK_ID> | jq '{id: .id, deps: .proposal.deps}'

        # For each dependency, check state
        for dep_id in $(contract-cli gov treasury show --id <STUCK_ID> | jq -r '.proposal.deps[]'); do
          state=$(contract-cli gov treasury show --id "$dep_id" | jq -r '.status.state')
          echo "Dependency $dep_id: $state"

          if [ "$state" = "rolled_back" ]; then
            echo "  ✗ Dependency failed. Cancelling dependent..."
            # Cancel the stuck disbursement
            contract-cli gov treasury rollback --id <STUCK_ID> \
              --reason "Dependency $dep_id was rolled back"
          fi
        done
        """;

    /// <summary>Path B (runbook) with the one fix docs/TREASURY.md gives: <c>add // 0</c>, so an empty backlog sums to 0, not null.</summary>
    public const string PathBInsufficientFunds = """
        # Check current balance
        current=$(contract-cli gov treasury balance | jq .balance_ct)
        pending=$(contract-cli gov treasury list --status queued | jq '[.disbursements[].amount_ct] | add // 0')

        echo "Current balance: $current CT"
        echo "Pending disbursements: $pending CT"

        if [ $current -lt $pending ]; then
          echo "INSUFFICIENT FUNDS"
          echo "Wait for accruals: watch -n 30 'contract-cli gov treasury balance | jq .balance_ct'"
          echo "OR request governance approval for fund allocation"
        fi
        """;

    /// <summary>Path C up to its case statement (runbook, as written); the test restarts the node where the runbook runs systemctl.</summary>
    public const string PathCExecutorError = """
        # Get the exact error
        error=$(contract-cli gov treasury balance | jq -r '.executor.last_error')
        echo "Executor error: $error"

        # Common errors and fixes:
        case "$error" in
          "ledger_unavailable")
            echo "Ledger connection lost. Check: systemctl status ledger-node"
            ;;
          "consensus_timeout")
            echo "Consensus stalled. Check: contract-cli node consensus --status"
            ;;
          "dependency_cycle_detected")
            echo "Circular dependency found. Review recent disbursement submissions."
            ;;
          *)
            echo "Unknown error. Check logs: tail -100 /var/log/node/*.log"
            ;;
        esac
        """;

    /// <summary>Path D (runbook, as written).</summary>
    public const string PathDSnapshot = """
        # Snapshot current state
        contract-cli gov treasury list --limit 500 > /tmp/disburse_snapshot_$(date +%s).json
        grep "treasury_executor" /var/log/node/*.log > /tmp/executor_logs_$(date +%s).txt

        # Contact operations with:
        echo "Send to ops team:"
        echo "  - /tmp/disburse_snapshot_*.json"
        echo "  - /tmp/executor_logs_*.txt"
        echo "  - prometheus_dump.json (from curl http://localhost:9090/api/v1/query_range?...)"
        echo "  - Describe when issue started"
        """;

    /// <summary>Path D's full export as docs/TREASURY.md gives it: every page, following next_cursor.</summary>
    public const string PathDAllPages = """
        after=0
        while :; do
          page=$(contract-cli gov treasury list --limit 1000 --after-id "$after")
          echo "$page" | jq -c '.disbursements[]'
          after=$(echo "$page" | jq -r '.next_cursor // empty')
          [ -n "$after" ] || break
        done > /tmp/disburse_all_$(date +%s).jsonl
        """;

    /// <summary>The script with the runbook's log directory replaced by the devnet's, and &lt;STUCK_ID&gt; by <paramref name="stuckId"/>.</summary>
    public static string ForDevnet(string script, DevnetProcess devnet, ulong? stuckId = null)
    {
        var logs = Path.GetDirectoryName(devnet.NodeLog)!;
        var result = script.Replace("/var/log/node", logs, StringComparison.Ordinal);
        return stuckId is { } id ? result.Replace("<STUCK_ID>", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) : result;
    }
}
