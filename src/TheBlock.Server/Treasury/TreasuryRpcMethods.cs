using TheBlock.Client.Dto;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Treasury;

/// <summary>The governance and treasury JSON-RPC methods (docs/TREASURY.md).</summary>
public sealed class TreasuryRpcMethods : IRpcMethodSource
{
    /// <summary>How long <c>gov.treasury.rollback</c> waits for its transaction to be included.</summary>
    private static readonly TimeSpan RollbackWait = TimeSpan.FromSeconds(30);

    private readonly ChainService _chain;
    private readonly TreasuryExecutor _executor;
    private readonly TimeProvider _time;

    public TreasuryRpcMethods(ChainService chain, TreasuryExecutor executor, TimeProvider time)
    {
        _chain = chain;
        _executor = executor;
        _time = time;
    }

    public IEnumerable<RpcMethod> Methods() =>
    [
        new("gov.treasury.balance", RpcRole.Public, Balance),
        new("gov.treasury.list", RpcRole.Public, List),
        new("gov.treasury.show", RpcRole.Public, Show),
        new("gov.treasury.rollback", RpcRole.Admin, Rollback),
        new("gov.treasury.executor.status", RpcRole.Public, (_, _) => Executor()),
        new("gov.treasury.executor.pause", RpcRole.Admin, (_, _) => Executor(_executor.Pause)),
        new("gov.treasury.executor.resume", RpcRole.Admin, (_, _) => Executor(_executor.Resume)),
        new("gov.disburse.preview", RpcRole.Public, Preview),
        new("debug.fault.set", RpcRole.Admin, SetFault),
    ];

    private ValueTask<RpcOutcome> Balance(RpcParams parameters, CancellationToken cancellationToken)
    {
        var (treasury, escrow) = _chain.TreasuryAndEscrow();
        var balance = new TreasuryBalance(treasury.Ct, treasury.It, escrow.Ct, escrow.It, DisbursementViews.ToView(_executor.State));
        return Ok(balance, ClientJsonContext.Default.TreasuryBalance);
    }

    private ValueTask<RpcOutcome> List(RpcParams parameters, CancellationToken cancellationToken)
    {
        DisbursementState? state = null;
        if (parameters.GetOptionalString("status") is { } name)
        {
            if (!DisbursementStates.TryParse(name, out var parsed))
            {
                return Fail(RpcError.InvalidParams("status", $"status \"{name}\" is not one of: {string.Join(", ", DisbursementStates.All.Select(DisbursementStates.Name))}"));
            }

            state = parsed;
        }

        var limit = parameters.GetLimit("limit", 100, Storage.ChainReader.MaxListLimit);
        var page = _chain.Reader.ListDisbursements(state, parameters.GetOptionalUInt64("after_id") ?? 0, limit);
        var list = new DisbursementList(DisbursementViews.ToViews(page.Items), (ulong)page.Total, page.TotalAmountCt, page.TotalAmountIt, page.NextCursor);
        return Ok(list, ClientJsonContext.Default.DisbursementList);
    }

    private ValueTask<RpcOutcome> Show(RpcParams parameters, CancellationToken cancellationToken)
    {
        if (parameters.Has("tx_hash") && parameters.Has("id"))
        {
            return Fail(RpcError.InvalidParams("id", "give either id or tx_hash, not both"));
        }

        if (parameters.GetOptionalString("tx_hash") is { } text)
        {
            if (!Hash32.TryParse(text.ToLowerInvariant(), out var hash))
            {
                return Fail(new RpcError(RpcErrorCodes.InvalidParams, "invalid_hash", $"tx_hash \"{text}\" is not 64 hex characters"));
            }

            return _chain.Reader.FindDisbursementCreatedBy(hash) is { } created
                ? Ok(DisbursementViews.ToView(created), ClientJsonContext.Default.DisbursementView)
                : Fail(RpcError.NotFound(TreasuryReasons.DisbursementNotFound, $"no disbursement was created by transaction {hash}"));
        }

        var id = parameters.GetUInt64("id");
        return _chain.Reader.GetDisbursement(id) is { } disbursement
            ? Ok(DisbursementViews.ToView(disbursement), ClientJsonContext.Default.DisbursementView)
            : Fail(NotFound(id));
    }

    /// <summary>
    /// Signs a rollback with the node's key, admits it and waits until a block includes it, so the answer is the
    /// disbursement after rollback. Problems the chain would refuse (unknown id, final state, blank reason) are
    /// answered before anything is submitted.
    /// </summary>
    private async ValueTask<RpcOutcome> Rollback(RpcParams parameters, CancellationToken cancellationToken)
    {
        var id = parameters.GetUInt64("id");
        var reason = parameters.GetString("reason");
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
                return RpcError.Unavailable(ExecutorReasons.ConsensusTimeout, $"rollback transaction {hash} was admitted but not included within {RollbackWait.TotalSeconds:0} s; check it with tx status");
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
            ? RpcOutcome.Ok(DisbursementViews.ToView(disbursement), ClientJsonContext.Default.DisbursementView)
            : NotFound(id);
    }

    private ValueTask<RpcOutcome> Executor(Action? change = null)
    {
        change?.Invoke();
        return Ok(DisbursementViews.ToView(_executor.State), ClientJsonContext.Default.ExecutorStatus);
    }

    private ValueTask<RpcOutcome> Preview(RpcParams parameters, CancellationToken cancellationToken)
    {
        if (!parameters.Raw.TryGetProperty("proposal", out var document) || document.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return Fail(RpcError.InvalidParams("proposal", "proposal must be the proposal payload object (docs/TREASURY.md)"));
        }

        var nextId = _chain.NextDisbursementId;
        var reading = ProposalDocument.Read(document, nextId);
        var normalized = reading.Proposal is { } proposal ? ProposalPayloadView.From(_chain.Genesis.Governance.WithDefaultWindows(proposal)) : null;
        var preview = new DisbursementPreview(reading.IsValid, [.. reading.Problems.Select(ProposalProblemView.From)], nextId, normalized);
        return Ok(preview, ClientJsonContext.Default.DisbursementPreview);
    }

    private ValueTask<RpcOutcome> SetFault(RpcParams parameters, CancellationToken cancellationToken)
    {
        var fault = parameters.GetString("fault");
        var active = parameters.GetOptionalBool("active", true);
        if (!_chain.Faults.Allowed)
        {
            return Fail(RpcError.Unavailable("fault_injection_disabled", "fault injection is off on this node; start it with Node:AllowFaultInjection=true (devnet: --allow-fault-injection)"));
        }

        if (!_chain.Faults.TrySet(fault, active))
        {
            return Fail(RpcError.InvalidParams("fault", $"fault \"{fault}\" is not one of: {string.Join(", ", FaultInjection.Names)}"));
        }

        return Ok(new FaultState(fault, active), TreasuryRpcJsonContext.Default.FaultState);
    }

    private static RpcError NotFound(ulong id) => RpcError.NotFound(TreasuryReasons.DisbursementNotFound, $"there is no disbursement {id}");

    private static ValueTask<RpcOutcome> Ok<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        ValueTask.FromResult(RpcOutcome.Ok(value, typeInfo));

    private static ValueTask<RpcOutcome> Fail(RpcError error) => ValueTask.FromResult<RpcOutcome>(error);
}
