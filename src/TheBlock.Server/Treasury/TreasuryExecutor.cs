using Microsoft.Data.Sqlite;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>
/// Pays approved disbursements (spec/treasury.md, "Executor"). After every block (or when blocks stop, every two
/// block intervals) it renews its on-chain lease, plans the payable queue (<see cref="PayoutPlanner"/>), submits
/// payout transactions signed with the node's executor key and follows them to inclusion. Every failure becomes a
/// <c>last_error</c> reason code, a metric and a <c>DisbursementError</c> log line; nothing stops the loop.
/// </summary>
public sealed class TreasuryExecutor : BackgroundService
{
    private readonly ChainService _chain;
    private readonly TreasuryMetrics _metrics;
    private readonly NodeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, (Hash32 Tx, ulong Height)> _staged = [];
    private HashSet<(string Reason, ulong? Id)> _reported = [];
    private (Hash32 Tx, ulong Height)? _leaseTx;
    private ExecutorState _state;
    private volatile bool _paused;

    public TreasuryExecutor(ChainService chain, TreasuryMetrics metrics, NodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _chain = chain;
        _metrics = metrics;
        _options = options;
        _time = time;
        _log = loggers.CreateLogger("treasury_executor");
        Enabled = options.TreasuryExecutor && chain.Genesis.Governance.IsExecutor(chain.ValidatorAddress);
        _state = new ExecutorState(Enabled, false, options.NodeId, null, null, null, null, null, 0, 0, null, null);
        chain.BlockCommitted += block =>
        {
            metrics.OnBlockCommitted(block);
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        };
    }

    public bool Enabled { get; }

    public ExecutorState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public void Pause()
    {
        _paused = true;
        Update(s => s with { Paused = true });
        _log.LogWarning("ExecutorPaused node_id={NodeId}", _options.NodeId);
    }

    public void Resume()
    {
        _paused = false;
        Update(s => s with { Paused = false });
        _log.LogInformation("ExecutorResumed node_id={NodeId}", _options.NodeId);
        _wake.Release();
    }

    /// <summary>One pass: resolve payouts in flight, hold the lease, pay what can be paid. Public for the benchmark and tests.</summary>
    public void Tick()
    {
        var started = _time.GetTimestamp();
        var now = (ulong)_time.GetUtcNow().ToUnixTimeSeconds();
        var errors = new List<ExecutorError>();
        var matured = 0;
        TreasuryView? view = null;
        try
        {
            // Through the block store, so a failing disk (or an injected storage fault) fails the tick here.
            _metrics.SetCounts(_chain.ReadStore(reader => reader.CountDisbursementsByState()));
            var snapshot = _chain.TreasurySnapshot(Submitted());
            view = snapshot.View;
            ResolveInFlight(view, snapshot.StillPending, errors);
            if (HoldsLease(view, snapshot.StillPending, errors))
            {
                matured = Pay(view, errors);
            }
        }
        catch (Exception ex) when (ex is SqliteException or FormatException or Storage.StateCorruptedException)
        {
            // An unreadable stored record is as much a ledger failure as a failed read.
            errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.LedgerUnavailable, null, $"storage failed: {ex.Message}", ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What a tick does besides is read and apply the node's own state, so ledger_unavailable is the honest code
            // (not invalid_target, which sends the operator to roll a disbursement back); the detail names the failure.
            errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.LedgerUnavailable, null, $"tick failed unexpectedly: {ex.GetType().Name}: {ex.Message}", ex));
        }

        Record(errors, now, matured, view);
        _metrics.TickDuration.Observe(_time.GetElapsedTime(started).TotalSeconds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            _log.LogInformation("ExecutorDisabled node_id={NodeId} reason={Reason}", _options.NodeId,
                _options.TreasuryExecutor ? "this node's key is not a genesis executor" : "Node:TreasuryExecutor is false");
            return;
        }

        _log.LogInformation("ExecutorStarted node_id={NodeId} lease_ttl_s={Ttl}", _options.NodeId, _options.ExecutorLeaseTtlSeconds);
        var idle = _chain.BlockInterval * 2;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitForWakeOrIdle(idle, stoppingToken).ConfigureAwait(false);
                if (!_paused)
                {
                    TickSafely();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits for the next block's wake-up, or <paramref name="idle"/> on the node's clock, whichever comes first.</summary>
    private async Task WaitForWakeOrIdle(TimeSpan idle, CancellationToken stoppingToken)
    {
        using var idleOver = new CancellationTokenSource(idle, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, idleOver.Token);
        try
        {
            await _wake.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The idle time is over: tick anyway, as a missed wake-up must not stall payouts.
        }
    }

    /// <summary>
    /// A tick reports its own failures; this catches one in the reporting itself, so a bug there does not stop payouts
    /// for good: it is logged and the next block brings another tick.
    /// </summary>
    private void TickSafely()
    {
        try
        {
            Tick();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogError(ex, "ExecutorTickFailed error={Error}", $"{ex.GetType().Name}: {ex.Message}");
            Update(state => state with { LastError = TreasuryReasonRegistry.Executor.LedgerUnavailable, LastErrorDetail = $"tick failed unexpectedly: {ex.GetType().Name}: {ex.Message}", LastErrorAt = (ulong)_time.GetUtcNow().ToUnixTimeSeconds() });
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>The node's transactions this executor follows: its payouts in flight and its last lease renewal.</summary>
    private List<Hash32> Submitted()
    {
        var submitted = new List<Hash32>(_staged.Count + 1);
        submitted.AddRange(_staged.Values.Select(s => s.Tx));
        if (_leaseTx is { } lease)
        {
            submitted.Add(lease.Tx);
        }

        return submitted;
    }

    /// <param name="stillPending">from the same instant as <paramref name="view"/>: a payout absent from it and from the view's queue was refused.</param>
    private void ResolveInFlight(TreasuryView view, IReadOnlyDictionary<Hash32, Hash32> stillPending, List<ExecutorError> errors)
    {
        var active = view.Active.ToDictionary(d => d.Id, d => d.State);
        foreach (var (id, (tx, height)) in _staged.ToList())
        {
            var state = active.TryGetValue(id, out var known) ? known : _chain.DisbursementStateOf(id);
            if (state != DisbursementState.Queued)
            {
                _staged.Remove(id);
                _log.LogInformation("DisbursementPaid disbursement_id={Id} tx_hash={TxHash} state={State}", id, tx, state is { } s ? DisbursementStates.Name(s) : "unknown");
                continue;
            }

            if (stillPending.TryGetValue(tx, out var waiting))
            {
                // Signed again after an earlier transaction of the node failed: follow the replacement.
                _staged[id] = (waiting, height);
                if (view.Height - height >= _options.ExecutorInclusionTimeoutBlocks)
                {
                    errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.ConsensusTimeout, id,
                        $"payout {waiting} submitted at height {height} is still not included at height {view.Height} ({_options.ExecutorInclusionTimeoutBlocks} blocks allowed)"));
                }

                continue;
            }

            _staged.Remove(id);
            var final = _chain.Resigned.Latest(tx);
            if (_chain.Rejections.Find(final) is { } rejection)
            {
                Refused(id, final, rejection, errors);
            }
        }
    }

    /// <summary>A refusal of a payout: an error under its true reason, or an information line when the chain only moved on.</summary>
    private void Refused(ulong id, Hash32 tx, Protocol.Transactions.Rejection rejection, List<ExecutorError> errors)
    {
        if (ExecutorReasons.ForRefusal(rejection) is { } reason)
        {
            errors.Add(new ExecutorError(reason, id, $"payout {tx} was refused: {rejection.Reason}: {rejection.Message}"));
        }
        else
        {
            _log.LogInformation("PayoutNotNeeded disbursement_id={Id} tx_hash={TxHash} reason={Reason} detail={Detail}", id, tx, rejection.Reason, rejection.Message);
        }
    }

    /// <summary>True when this node holds a live lease on chain; renews or takes it when due.</summary>
    private bool HoldsLease(TreasuryView view, IReadOnlyDictionary<Hash32, Hash32> stillPending, List<ExecutorError> errors)
    {
        var lease = view.Lease;
        var chainTime = view.UnixSeconds;
        if (lease is not null && lease.IsLiveAt(chainTime) && lease.Holder != _options.NodeId)
        {
            errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.LeaseHeldElsewhere, null, $"the executor lease is held by {lease.Holder} until {lease.ExpiresAt}"));
            return false;
        }

        var mine = lease is not null && lease.IsLiveAt(chainTime) && lease.Holder == _options.NodeId;
        var due = !mine || lease!.ExpiresAt - chainTime <= _options.ExecutorLeaseTtlSeconds / 2;
        if (_leaseTx is { } renewal && stillPending.TryGetValue(renewal.Tx, out var waiting))
        {
            _leaseTx = (waiting, renewal.Height);
            due = false;
            if (view.Height - renewal.Height >= _options.ExecutorInclusionTimeoutBlocks)
            {
                errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.ConsensusTimeout, null, $"lease renewal {waiting} is not included after {_options.ExecutorInclusionTimeoutBlocks} blocks"));
            }
        }

        if (due)
        {
            var (transaction, rejection) = _chain.SubmitSigned(new ExecutorLeasePayload(_options.NodeId, _options.ExecutorLeaseTtlSeconds));
            _leaseTx = rejection is null ? (transaction.Hash, view.Height) : null;
            if (rejection is not null)
            {
                errors.Add(new ExecutorError(ExecutorReasons.ForRefusal(rejection) ?? TreasuryReasonRegistry.Executor.LedgerUnavailable, null, $"lease renewal refused: {rejection.Reason}: {rejection.Message}"));
            }
        }

        return mine;
    }

    /// <summary>Submits the payouts the plan allows; returns how many disbursements are matured.</summary>
    private int Pay(TreasuryView view, List<ExecutorError> errors)
    {
        var plan = PayoutPlanner.Plan(view, _chain.DisbursementStateOf, _staged.Keys.ToHashSet());
        foreach (var id in plan.CycleMembers)
        {
            errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.DependencyCycleDetected, id, $"disbursement {id} is on a dependency cycle; skipped"));
        }

        foreach (var disbursement in plan.Unfunded)
        {
            errors.Add(new ExecutorError(TreasuryReasonRegistry.Executor.InsufficientFunds, disbursement.Id,
                $"disbursement {disbursement.Id} needs {disbursement.Proposal.AmountCt} CT (ct) and {disbursement.Proposal.AmountIt} CT (it); the treasury holds {view.Treasury.Ct} and {view.Treasury.It} less payouts in flight"));
        }

        foreach (var disbursement in plan.Pay.Take(_options.ExecutorMaxPayoutsPerTick))
        {
            var (transaction, rejection) = _chain.SubmitSigned(new DisbursementPayoutPayload(disbursement.Id));
            if (rejection is null)
            {
                _staged[disbursement.Id] = (transaction.Hash, view.Height);
                _log.LogInformation("PayoutSubmitted disbursement_id={Id} tx_hash={TxHash} amount_ct={AmountCt} amount_it={AmountIt}",
                    disbursement.Id, transaction.Hash, disbursement.Proposal.AmountCt, disbursement.Proposal.AmountIt);
            }
            else
            {
                Refused(disbursement.Id, transaction.Hash, rejection, errors);
            }
        }

        // Matured includes the payouts in flight: they are still queued until a block includes them.
        return plan.Matured + _staged.Count;
    }

    private void Record(List<ExecutorError> errors, ulong now, int matured, TreasuryView? view)
    {
        // A tick cut short by the ledger learned nothing about the other errors: they are not cleared by it.
        var reported = errors.Any(e => e.Reason == TreasuryReasonRegistry.Executor.LedgerUnavailable) ? new HashSet<(string, ulong?)>(_reported) : [];
        foreach (var error in errors)
        {
            _metrics.ExecutionErrors.WithLabels(error.Reason).Inc();
            reported.Add((error.Reason, error.DisbursementId));
            if (!_reported.Contains((error.Reason, error.DisbursementId)))
            {
                // Logged when it starts; the metric counts every tick it persists.
                _log.LogError(error.Cause, "DisbursementError disbursement_id={Id} reason={Reason} detail={Detail}",
                    error.DisbursementId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", error.Reason, error.Detail);
            }
        }

        foreach (var (reason, id) in _reported.Except(reported))
        {
            _log.LogInformation("DisbursementErrorCleared disbursement_id={Id} reason={Reason}", id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", reason);
        }

        _reported = reported;
        var first = errors.Count > 0 ? errors[0] : null;
        Update(state => state with
        {
            LastError = first?.Reason,
            LastErrorDetail = first?.Detail,
            LastErrorAt = first is null ? state.LastErrorAt : now,
            LastSuccessAt = first is null ? now : state.LastSuccessAt,
            LastTickAt = now,
            PendingMatured = view is null ? state.PendingMatured : matured,
            Staged = _staged.Count,
            LeaseHolder = view is null ? state.LeaseHolder : view.Lease?.Holder,
            LeaseExpiresAt = view is null ? state.LeaseExpiresAt : view.Lease?.ExpiresAt,
        });
        var current = State;
        _metrics.PendingMatured.Set(current.PendingMatured);
        _metrics.LeaseExpiresAt.Set(current.LeaseExpiresAt ?? 0);
        if (current.LastSuccessAt is { } success)
        {
            _metrics.LastSuccessAt.Set(success);
        }
    }

    private void Update(Func<ExecutorState, ExecutorState> change)
    {
        lock (_lock)
        {
            _state = change(_state);
        }
    }
}
