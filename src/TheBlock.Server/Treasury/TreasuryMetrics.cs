using Prometheus;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>
/// The treasury metrics of spec/treasury.md. Every label value the runbook queries exists from the start (reads 0), so
/// <c>rate()</c> and <c>increase()</c> have a series to work on. Chain-side values follow each committed block.
/// </summary>
public sealed class TreasuryMetrics
{
    public TreasuryMetrics(IMetricFactory factory)
    {
        Backlog = factory.CreateGauge("treasury_disbursement_backlog", "Disbursements queued: approved and matured, waiting for the executor.");
        Disbursements = factory.CreateGauge("treasury_disbursements", "Disbursements in each state.", new GaugeConfiguration { LabelNames = ["state"] });
        Lag = factory.CreateHistogram(
            "treasury_disbursement_lag_seconds",
            "Time from queued to executed (executed_at - queued_at).",
            new HistogramConfiguration { Buckets = [1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 21_600] });
        ExecutionErrors = factory.CreateCounter("treasury_execution_errors_total", "Executor failures, by reason code.", new CounterConfiguration { LabelNames = ["reason"] });
        TickDuration = factory.CreateHistogram(
            "treasury_executor_tick_duration_seconds",
            "Duration of one executor tick.",
            new HistogramConfiguration { Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });
        Transitions = factory.CreateCounter("governance_disbursements_total", "Disbursement transitions into each state.", new CounterConfiguration { LabelNames = ["status"] });
        BalanceCt = factory.CreateGauge("treasury_balance_ct", "Treasury ct sub-ledger balance (CT).");
        BalanceIt = factory.CreateGauge("treasury_balance_it", "Treasury it sub-ledger balance (CT).");
        PendingMatured = factory.CreateGauge("treasury_executor_pending_matured", "Queued disbursements whose dependencies are met and that wait to be paid.");
        LeaseExpiresAt = factory.CreateGauge("treasury_executor_lease_expires_at_seconds", "When the executor lease expires (unix seconds); 0 before the first lease.");
        LastSuccessAt = factory.CreateGauge("treasury_executor_last_success_at_seconds", "When an executor tick last completed without error (unix seconds).");
        foreach (var state in DisbursementStates.All)
        {
            Disbursements.WithLabels(DisbursementStates.Name(state));
            Transitions.WithLabels(DisbursementStates.Name(state));
        }

        foreach (var reason in TreasuryReasonRegistry.Executor.All)
        {
            ExecutionErrors.WithLabels(reason);
        }
    }

    public Gauge Backlog { get; }

    public Gauge Disbursements { get; }

    public Histogram Lag { get; }

    public Counter ExecutionErrors { get; }

    public Histogram TickDuration { get; }

    public Counter Transitions { get; }

    public Gauge BalanceCt { get; }

    public Gauge BalanceIt { get; }

    public Gauge PendingMatured { get; }

    public Gauge LeaseExpiresAt { get; }

    public Gauge LastSuccessAt { get; }

    /// <summary>
    /// Counts the block's transitions, moves the per-state gauges with them, and observes the queue-to-execution lag
    /// of the disbursements it paid.
    /// </summary>
    public void OnBlockCommitted(CommittedBlock block)
    {
        foreach (var emitted in block.Effects.Events)
        {
            var (disbursement, from) = emitted.Event switch
            {
                DisbursementCreated created => (created.Disbursement, (DisbursementState?)null),
                DisbursementChanged changed => (changed.Disbursement, changed.From),
                _ => (null, null),
            };
            if (disbursement is null || from == disbursement.State)
            {
                continue;
            }

            if (from is { } previous)
            {
                Disbursements.WithLabels(DisbursementStates.Name(previous)).Dec();
            }

            Disbursements.WithLabels(DisbursementStates.Name(disbursement.State)).Inc();
            Backlog.Set(Disbursements.WithLabels(DisbursementStates.Name(DisbursementState.Queued)).Value);
            Transitions.WithLabels(DisbursementStates.Name(disbursement.State)).Inc();
            if (disbursement.State == DisbursementState.Executed && disbursement is { ExecutedAt: { } executed, QueuedAt: { } queued })
            {
                Lag.Observe(executed - queued);
            }
        }

        BalanceCt.Set(block.Effects.Treasury.Ct);
        BalanceIt.Set(block.Effects.Treasury.It);
    }

    /// <summary>Sets the per-state gauges from stored counts (at start-up, and each executor tick to stay exact).</summary>
    public void SetCounts(IReadOnlyDictionary<DisbursementState, long> counts)
    {
        foreach (var (state, count) in counts)
        {
            Disbursements.WithLabels(DisbursementStates.Name(state)).Set(count);
        }

        Backlog.Set(counts.GetValueOrDefault(DisbursementState.Queued));
    }
}
