using System.Text.Json;
using Microsoft.Extensions.Logging;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Rpc;
using TheBlock.Server.Treasury;

namespace TheBlock.Server.Tests.Treasury;

/// <summary>The executor's failures reported under their true reason, and the node's own transactions kept in order.</summary>
public sealed class TreasuryExecutorTests
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_unexpected_exception_in_a_tick_is_not_reported_as_invalid_target()
    {
        using var node = ExecutorTestNode.Create(queued: 3, configure: options => options.ExecutorMaxPayoutsPerTick = 1);
        node.Logs.OnLog = entry =>
        {
            if (entry.Message.StartsWith("PayoutSubmitted", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("a bug after submitting a payout");
            }
        };

        await node.Executor.StartAsync(CancellationToken.None);
        try
        {
            await Wait.UntilAsync(() => node.Executor.State.LastError is not null, WaitTimeout, "the executor to report the failed tick");
        }
        finally
        {
            await node.Executor.StopAsync(CancellationToken.None);
        }

        var state = node.Executor.State;
        Assert.Equal(TreasuryReasonRegistry.Executor.LedgerUnavailable, state.LastError);
        Assert.Contains("InvalidOperationException: a bug after submitting a payout", state.LastErrorDetail, StringComparison.Ordinal);
        var line = Assert.Single(node.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("DisbursementError", StringComparison.Ordinal));
        Assert.Contains("reason=ledger_unavailable", line.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: a bug after submitting a payout", line.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(line.Exception);
    }

    [Fact]
    public void A_stale_view_in_the_tick_does_not_submit_a_payout_twice()
    {
        // One transaction per block: the first payout is included while the second still waits.
        using var node = ExecutorTestNode.Create(queued: 2, maxBlockTransactions: 1, configure: options => options.ExecutorMaxPayoutsPerTick = 1);
        node.Executor.Tick();
        node.Executor.Tick();
        Assert.Equal(2, node.Logs.Messages("PayoutSubmitted").Count);
        node.ProduceBlock();

        // The tick reads the chain, then a block includes the second payout while it reports the first one paid.
        node.Logs.OnLog = entry =>
        {
            if (entry.Message.StartsWith("DisbursementPaid disbursement_id=1 ", StringComparison.Ordinal))
            {
                node.ProduceBlock();
            }
        };
        node.Executor.Tick();
        node.Logs.OnLog = null;
        node.Executor.Tick();

        Assert.Equal(DisbursementState.Executed, node.Chain.DisbursementStateOf(2));
        Assert.Single(node.Logs.Messages("PayoutSubmitted disbursement_id=2 "));
        Assert.DoesNotContain(node.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Null(node.Executor.State.LastError);
        Assert.Single(node.Logs.Messages("DisbursementPaid disbursement_id=2 "));
    }

    [Fact]
    public void A_payout_refused_because_its_disbursement_was_settled_meanwhile_is_not_an_error_line()
    {
        using var node = ExecutorTestNode.Create(queued: 2, configure: options => options.ExecutorMaxPayoutsPerTick = 1);
        node.Executor.Tick();
        node.ProduceBlock();

        // After the tick has read the chain, an admin rollback of the next disbursement commits: its payout is refused.
        node.Logs.OnLog = entry =>
        {
            if (entry.Message.StartsWith("DisbursementPaid disbursement_id=1 ", StringComparison.Ordinal))
            {
                node.Chain.SubmitSigned(new DisbursementRollbackPayload(2, "operator rollback"));
                node.ProduceBlock();
            }
        };
        node.Executor.Tick();
        node.Logs.OnLog = null;
        node.Executor.Tick();

        Assert.Equal(DisbursementState.RolledBack, node.Chain.DisbursementStateOf(2));
        Assert.DoesNotContain(node.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Null(node.Executor.State.LastError);
    }

    [Fact]
    public void A_node_signed_transaction_refused_at_inclusion_does_not_drop_the_later_lease_renewal_and_admin_rollback()
    {
        using var node = ExecutorTestNode.Create(queued: 2);
        var before = node.Chain.TreasuryView().Lease!.ExpiresAt;
        node.Chain.SubmitSigned(new DisbursementRollbackPayload(1, "operator rollback"));
        var (payout, admitted) = node.Chain.SubmitSigned(new DisbursementPayoutPayload(1));
        Assert.Null(admitted);
        node.Chain.SubmitSigned(new ExecutorLeasePayload(ExecutorTestNode.NodeId, 600));
        node.Chain.SubmitSigned(new DisbursementRollbackPayload(2, "operator rollback after the failed payout"));

        // The payout fails in the block (the rollback before it left nothing to pay); what the node signed after it stays.
        node.ProduceBlock();
        node.ProduceBlock();

        Assert.Equal(TreasuryReasons.NotQueued, node.Chain.Rejections.Find(payout.Hash)!.Reason);
        Assert.Equal(DisbursementState.RolledBack, node.Chain.DisbursementStateOf(2));
        var view = node.Chain.TreasuryView();
        Assert.True(view.Lease!.ExpiresAt >= view.UnixSeconds + 600 - 1, $"the lease was not renewed: it expires at {view.Lease.ExpiresAt}, before the renewal {before}");
        Assert.Equal(0, node.Chain.MempoolCount);
    }

    [Fact]
    public async Task An_admin_rollback_submitted_after_a_failing_node_signed_transaction_commits_and_answers_rolled_back()
    {
        using var node = ExecutorTestNode.Create(queued: 2);
        node.Chain.SubmitSigned(new DisbursementRollbackPayload(1, "operator rollback"));
        node.Chain.SubmitSigned(new DisbursementPayoutPayload(1));

        var outcome = await WhileProducingBlocks(node, () => Rollback(node, """{"id": 2, "reason": "operator rollback after the failed payout"}"""));

        Assert.True(outcome.IsOk, outcome.Error?.Message);
        Assert.Equal("rolled_back", ((DisbursementView)outcome.Result.Value!).Status.State);
    }

    [Fact]
    public async Task A_rollback_recorded_as_rejected_and_later_committed_reports_committed()
    {
        using var node = ExecutorTestNode.Create(queued: 2, configure: options => options.MempoolCapacity = 1);
        node.Chain.SubmitSigned(new DisbursementPayoutPayload(1));
        const string Parameters = """{"id": 2, "reason": "operator rollback"}""";

        // The first attempt finds the mempool full; the retry is the same transaction (same nonce), and it commits.
        var first = await Rollback(node, Parameters);
        Assert.Equal(RejectionReasons.MempoolFull, first.Error!.Reason);
        node.ProduceBlock();
        var retry = await WhileProducingBlocks(node, () => Rollback(node, Parameters));

        Assert.True(retry.IsOk, retry.Error?.Message);
        Assert.Equal("rolled_back", ((DisbursementView)retry.Result.Value!).Status.State);
        Assert.Equal(DisbursementState.RolledBack, node.Chain.DisbursementStateOf(2));
        var tx = node.Chain.Reader.GetDisbursement(2)!.StateTx!.Value;
        Assert.Null(node.Chain.Rejections.Find(tx));
    }

    private static async Task<RpcOutcome> Rollback(ExecutorTestNode node, string parameters)
    {
        var method = new TreasuryRpcMethods(node.Chain, node.Executor, TimeProvider.System).Methods().Single(m => m.Name == "gov.treasury.rollback");
        using var document = JsonDocument.Parse(parameters);
        return await method.Handler(new RpcParams(document.RootElement), CancellationToken.None);
    }

    /// <summary>Runs <paramref name="call"/> while blocks are produced beside it, as the node's block producer does.</summary>
    private static async Task<RpcOutcome> WhileProducingBlocks(ExecutorTestNode node, Func<Task<RpcOutcome>> call)
    {
        // The call submits its transaction before it first waits; only then do blocks start.
        var answer = call();
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                node.ProduceBlock();
                await Task.Delay(20, CancellationToken.None);
            }
        });
        try
        {
            return await answer;
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
