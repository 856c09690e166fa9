using TheBlock.Client.Treasury;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury.Audit;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;

namespace TheBlock.Server.Treasury;

/// <summary>
/// <c>audit.settlement</c> {from_epoch?, to_epoch?} (admin): treasury conservation over an epoch range
/// (spec/treasury.md, "Settlement audit"). A failed audit is a result (<c>conserved: false</c>), not an error; a range
/// the chain cannot answer is invalid_params naming the param. An audit reads every journal below the range's end, so
/// it is bounded: admin only (spec/conventions.md, "Auth"), at most <see cref="NodeOptions.AuditMaxConcurrent"/> at
/// once (one more is <c>busy</c>), the most recent <see cref="NodeOptions.AuditDefaultEpochs"/> epochs when
/// <c>from_epoch</c> is absent, and at most <see cref="NodeOptions.AuditMaxEpochs"/> epochs (<c>range_too_large</c>).
/// The offline <c>the-block audit settlement</c> has none of these bounds.
/// </summary>
public sealed class AuditRpcMethods : IRpcMethodSource
{
    private readonly ChainService _chain;
    private readonly NodeOptions _options;
    private readonly RpcConcurrencyGate _gate;

    public AuditRpcMethods(ChainService chain, NodeOptions options, RpcConcurrencyGate gate)
    {
        _chain = chain;
        _options = options;
        _gate = gate;
    }

    public IEnumerable<RpcMethod> Methods() => [RpcMethod.For(TreasuryRpc.AuditSettlement, RpcRole.Admin, AuditSettlementAsync)];

    /// <summary>The wire form of an audit, shared with <c>the-block audit settlement</c>.</summary>
    public static SettlementAudit ToView(SettlementAuditResult audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var range = audit.Range;
        return new SettlementAudit(
            range.FromEpoch,
            range.ToEpoch,
            range.FromHeight,
            range.ToHeight,
            ToView(audit.Ct),
            ToView(audit.It),
            new EscrowAudit(audit.Escrow.Initial, audit.Escrow.Executed, audit.Escrow.Finalized, audit.Escrow.RolledBack, audit.Escrow.ExpectedFinal, audit.Escrow.Final),
            audit.Conserved,
            [.. audit.Discrepancies.Select(d => new AuditDiscrepancy(
                d.Account,
                d.SubLedger is { } sub ? SubLedgers.Name(sub) : null,
                d.Expected,
                d.Actual,
                d.Difference,
                d.Percent,
                d.DisbursementIds))]);
    }

    private static SubLedgerAudit ToView(SubLedgerTerms terms) =>
        new(terms.Initial, terms.Accruals, terms.Executed, terms.RolledBackFromEscrow, terms.ExpectedFinal, terms.Final);

    private async ValueTask<RpcOutcome> AuditSettlementAsync(SettlementAuditParams parameters, CancellationToken cancellationToken)
    {
        var (from, to) = (parameters.FromEpoch, parameters.ToEpoch);
        var last = to ?? _chain.Head.Epoch;
        from ??= DefaultFrom(last);
        if (last >= from && last - from.Value >= _options.AuditMaxEpochs)
        {
            return TooLarge(from.Value, last);
        }

        using var slot = _gate.TryEnter();
        if (slot is null)
        {
            return RpcProtocolErrors.Busy(TreasuryMethods.AuditSettlement, _gate.Capacity, nameof(NodeOptions.AuditMaxConcurrent));
        }

        SettlementAuditOutcome outcome;
        try
        {
            // The audit reads the journal through the range's last block: seconds of CPU on a long chain.
            outcome = await BackgroundCpuWork.RunAsync(
                () => _chain.Reader.AuditSettlement(_chain.Genesis, from, to, cancellationToken: cancellationToken),
                cancellationToken);
        }
        catch (Exception ex) when (ex is StateCorruptedException or InvariantViolationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return RpcError.Unavailable(TreasuryReasonRegistry.Executor.LedgerUnavailable, $"the settlement audit cannot read the ledger: {ex.Message}");
        }

        return outcome.Problem is { } problem
            ? RpcError.InvalidParams(problem.Param, problem.Message)
            : RpcOutcome.Ok(ToView(outcome.Audit!), TreasuryJsonContext.Default.SettlementAudit);
    }

    /// <summary>The first of the most recent <see cref="NodeOptions.AuditDefaultEpochs"/> epochs ending at <paramref name="toEpoch"/>.</summary>
    private ulong DefaultFrom(ulong toEpoch) =>
        toEpoch >= _options.AuditDefaultEpochs ? toEpoch - (_options.AuditDefaultEpochs - 1) : 0;

    private RpcError TooLarge(ulong from, ulong to) =>
        new(
            RpcErrorCodes.InvalidParams,
            TreasuryReasonRegistry.RangeTooLarge,
            $"epochs {from}–{to} are {to - from + 1} epochs; {TreasuryMethods.AuditSettlement} covers at most {_options.AuditMaxEpochs} per call "
            + "(Node:AuditMaxEpochs): audit a shorter range, or the whole chain offline with the-block audit settlement --data-dir",
            new Dictionary<string, object?> { ["param"] = AuditRange.FromEpochParam, ["limit_epochs"] = _options.AuditMaxEpochs });
}
