using TheBlock.Client.Dto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury.Audit;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;

namespace TheBlock.Server.Treasury;

/// <summary>
/// <c>audit.settlement</c> {from_epoch?, to_epoch?} (public): treasury conservation over an epoch range
/// (spec/treasury.md, "Settlement audit"), read from one storage snapshot. A failed audit is a result
/// (<c>conserved: false</c>), not an error; a range the chain cannot answer is invalid_params naming the param.
/// </summary>
public sealed class AuditRpcMethods : IRpcMethodSource
{
    public const string Settlement = "audit.settlement";

    /// <summary>The reason of the error returned when storage cannot be read or is inconsistent (spec/treasury.md's executor code).</summary>
    public const string LedgerUnavailable = "ledger_unavailable";

    private readonly ChainService _chain;

    public AuditRpcMethods(ChainService chain) => _chain = chain;

    public IEnumerable<RpcMethod> Methods() => [new(Settlement, RpcRole.Public, AuditSettlementAsync)];

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

    private async ValueTask<RpcOutcome> AuditSettlementAsync(RpcParams parameters, CancellationToken cancellationToken)
    {
        var from = parameters.GetOptionalUInt64(AuditRange.FromEpochParam);
        var to = parameters.GetOptionalUInt64(AuditRange.ToEpochParam);
        SettlementAuditOutcome outcome;
        try
        {
            // The audit reads the journal through the range's last block: seconds on a long chain, off the request thread.
            outcome = await Task.Run(() => _chain.Reader.AuditSettlement(_chain.Genesis, from, to, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is StateCorruptedException or InvariantViolationException or Microsoft.Data.Sqlite.SqliteException)
        {
            return RpcError.Unavailable(LedgerUnavailable, $"the settlement audit cannot read the ledger: {ex.Message}");
        }

        return outcome.Problem is { } problem
            ? RpcError.InvalidParams(problem.Param, problem.Message)
            : RpcOutcome.Ok(ToView(outcome.Audit!), ClientJsonContext.Default.SettlementAudit);
    }
}
