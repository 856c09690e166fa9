using TheBlock.Client.Core;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Faults;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using static TheBlock.Server.Rpc.RpcHandlerResults;

namespace TheBlock.Server.Treasury;

/// <summary>The governance and treasury JSON-RPC methods (docs/TREASURY.md).</summary>
public sealed class TreasuryRpcMethods : IRpcMethodSource
{
    /// <summary>How long <c>gov.treasury.rollback</c> waits for its transaction to be included.</summary>
    private static readonly TimeSpan RollbackWait = TimeSpan.FromSeconds(30);

    // The wire names of the params a handler's own message names.
    private static readonly string IdParam = TreasuryRpc.Show.ParamName(nameof(DisbursementShowParams.Id));
    private static readonly string TxHashParam = TreasuryRpc.Show.ParamName(nameof(DisbursementShowParams.TxHash));
    private static readonly string StatusParam = TreasuryRpc.List.ParamName(nameof(DisbursementListParams.Status));
    private static readonly string ProposalParam = TreasuryRpc.DisbursePreview.ParamName(nameof(DisbursementPreviewParams.Proposal));
    private static readonly string FaultParam = TreasuryRpc.FaultSet.ParamName(nameof(FaultSetParams.Fault));

    private readonly ChainService _chain;
    private readonly TreasuryExecutor _executor;
    private readonly FaultInjection _faults;
    private readonly TimeProvider _time;

    /// <param name="faults">the node's fault switches; without them <c>debug.fault.set</c> answers that injection is off.</param>
    public TreasuryRpcMethods(ChainService chain, TreasuryExecutor executor, TimeProvider time, FaultInjection? faults = null)
    {
        _chain = chain;
        _executor = executor;
        _faults = faults ?? new FaultInjection(allowed: false);
        _time = time;
    }

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(TreasuryRpc.Balance, RpcRole.Public, (_, _) => Balance()),
        RpcMethod.For(TreasuryRpc.List, RpcRole.Public, (p, _) => List(p)),
        RpcMethod.For(TreasuryRpc.Show, RpcRole.Public, (p, _) => Show(p)),
        RpcMethod.For(TreasuryRpc.Rollback, RpcRole.Admin, Rollback),
        RpcMethod.For(TreasuryRpc.ExecutorStatus, RpcRole.Public, (_, _) => Executor()),
        RpcMethod.For(TreasuryRpc.ExecutorPause, RpcRole.Admin, (_, _) => Executor(_executor.Pause)),
        RpcMethod.For(TreasuryRpc.ExecutorResume, RpcRole.Admin, (_, _) => Executor(_executor.Resume)),
        RpcMethod.For(TreasuryRpc.DisbursePreview, RpcRole.Public, (p, _) => Preview(p)),
        RpcMethod.For(TreasuryRpc.FaultSet, RpcRole.Admin, (p, _) => SetFault(p)),
    ];

    private ValueTask<RpcOutcome> Balance()
    {
        var (treasury, escrow) = _chain.TreasuryAndEscrow();
        var balance = new TreasuryBalance(treasury.Ct, treasury.It, escrow.Ct, escrow.It, DisbursementViews.ToView(_executor.State));
        return Ok(balance, TreasuryJsonContext.Default.TreasuryBalance);
    }

    private ValueTask<RpcOutcome> List(DisbursementListParams parameters)
    {
        DisbursementState? state = null;
        if (parameters.Status is { } name)
        {
            if (!DisbursementStates.TryParse(name, out var parsed))
            {
                return Fail(RpcError.InvalidParams(StatusParam, $"status \"{name}\" is not one of: {string.Join(", ", DisbursementStates.All.Select(DisbursementStates.Name))}"));
            }

            state = parsed;
        }

        var limit = TreasuryRpc.List.Paging!.Resolve(parameters.Limit);
        var page = _chain.Reader.ListDisbursements(state, parameters.AfterId ?? 0, limit);
        var list = new DisbursementList(DisbursementViews.ToViews(page.Items), (ulong)page.Total, page.TotalAmountCt, page.TotalAmountIt, page.NextCursor);
        return Ok(list, TreasuryJsonContext.Default.DisbursementList);
    }

    private ValueTask<RpcOutcome> Show(DisbursementShowParams parameters)
    {
        if (parameters.TxHash is not null && parameters.Id is not null)
        {
            return Fail(RpcError.InvalidParams(IdParam, $"give either {IdParam} or {TxHashParam}, not both"));
        }

        if (parameters.TxHash is { } text)
        {
            if (!Hash32.TryParse(text.ToLowerInvariant(), out var hash))
            {
                return Fail(new RpcError(RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidHash, $"{TxHashParam} \"{text}\" is not 64 hex characters"));
            }

            return _chain.Reader.FindDisbursementCreatedBy(hash) is { } created
                ? Ok(DisbursementViews.ToView(created), TreasuryJsonContext.Default.DisbursementView)
                : Fail(RpcError.NotFound(TreasuryReasons.DisbursementNotFound, $"no disbursement was created by transaction {hash}"));
        }

        if (parameters.Id is not { } id)
        {
            return Fail(RpcError.InvalidParams(IdParam, $"missing required param {IdParam} (expected a non-negative integer)"));
        }

        return _chain.Reader.GetDisbursement(id) is { } disbursement
            ? Ok(DisbursementViews.ToView(disbursement), TreasuryJsonContext.Default.DisbursementView)
            : Fail(NotFound(id));
    }

    /// <summary>
    /// Signs a rollback with the node's key, admits it and waits until a block includes it, so the answer is the
    /// disbursement after rollback. Problems the chain would refuse (unknown id, final state, blank reason) are
    /// answered before anything is submitted.
    /// </summary>
    private async ValueTask<RpcOutcome> Rollback(DisbursementRollbackParams parameters, CancellationToken cancellationToken)
    {
        var (id, reason) = (parameters.Id, parameters.Reason);
        if (_chain.DisbursementStateOf(id) is not { } state)
        {
            return NotFound(id);
        }

        if (state.IsFinal())
        {
            return RpcError.TransactionRejected(TreasuryReasons.AlreadyFinal, $"disbursement {id} is {DisbursementStates.Name(state)}, which is final: it cannot be rolled back");
        }

        var (transaction, rejection) = _chain.SubmitSigned(new DisbursementRollbackPayload(id, reason));
        if (rejection is not null)
        {
            return RpcError.TransactionRejected(rejection.Reason, rejection.Message);
        }

        // Followed through re-signing: an earlier transaction of the node that fails in a block moves this one's nonce.
        // Not pending is final only if no block signed it again since the hash was read.
        var deadline = _time.GetUtcNow() + RollbackWait;
        var hash = _chain.Resigned.Latest(transaction.Hash);
        while (_chain.IsPending(hash) || hash != (hash = _chain.Resigned.Latest(transaction.Hash)))
        {
            if (_time.GetUtcNow() > deadline)
            {
                return RpcError.Unavailable(TreasuryReasonRegistry.Executor.ConsensusTimeout, $"rollback transaction {hash} was admitted but not included within {RollbackWait.TotalSeconds:0} s; check it with tx status");
            }

            await Task.Delay(_chain.BlockInterval / 4, _time, cancellationToken).ConfigureAwait(false);
            hash = _chain.Resigned.Latest(transaction.Hash);
        }

        // Committed wins: a refusal recorded for the same transaction earlier (an attempt that found the mempool full) is stale.
        if (_chain.Reader.FindTransaction(hash) is null && _chain.Rejections.Find(hash) is { } dropped)
        {
            return RpcError.TransactionRejected(dropped.Reason, dropped.Message);
        }

        return _chain.Reader.GetDisbursement(id) is { } disbursement
            ? RpcOutcome.Ok(DisbursementViews.ToView(disbursement), TreasuryJsonContext.Default.DisbursementView)
            : NotFound(id);
    }

    private ValueTask<RpcOutcome> Executor(Action? change = null)
    {
        change?.Invoke();
        return Ok(DisbursementViews.ToView(_executor.State), TreasuryJsonContext.Default.ExecutorStatus);
    }

    private ValueTask<RpcOutcome> Preview(DisbursementPreviewParams parameters)
    {
        var document = parameters.Proposal;
        if (document.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return Fail(RpcError.InvalidParams(ProposalParam, $"{ProposalParam} must be the proposal payload object (docs/TREASURY.md)"));
        }

        var nextId = _chain.NextDisbursementId;
        var reading = ProposalDocument.Read(document, nextId);
        var normalized = reading.Proposal is { } proposal ? ProposalPayloadView.From(_chain.Genesis.Governance.WithDefaultWindows(proposal)) : null;
        var preview = new DisbursementPreview(reading.IsValid, [.. reading.Problems.Select(ProposalProblemView.From)], nextId, normalized);
        return Ok(preview, TreasuryJsonContext.Default.DisbursementPreview);
    }

    private ValueTask<RpcOutcome> SetFault(FaultSetParams parameters)
    {
        var fault = parameters.Fault;
        var active = parameters.Active ?? true;
        if (!_faults.Allowed)
        {
            return Fail(RpcError.Unavailable(TreasuryReasonRegistry.FaultInjectionDisabled, "fault injection is off on this node; start it with Node:AllowFaultInjection=true (devnet: --allow-fault-injection)"));
        }

        if (!_faults.TrySet(fault, active))
        {
            return Fail(RpcError.InvalidParams(FaultParam, $"fault \"{fault}\" is not one of: {string.Join(", ", _faults.Names)}"));
        }

        return Ok(new FaultState(fault, active), TreasuryJsonContext.Default.FaultState);
    }

    private static RpcError NotFound(ulong id) => RpcError.NotFound(TreasuryReasons.DisbursementNotFound, $"there is no disbursement {id}");
}
