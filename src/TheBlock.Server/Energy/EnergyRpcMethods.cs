using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using static TheBlock.Server.Rpc.RpcHandlerResults;

namespace TheBlock.Server.Energy;

/// <summary>The energy market's query methods and its admin dispute resolution (docs/ENERGY.md, "Commands and RPC").</summary>
public sealed class EnergyRpcMethods : IRpcMethodSource
{
    /// <summary>How long <c>energy.disputes.resolve</c> waits for its transaction to be included.</summary>
    private static readonly TimeSpan ResolveWait = TimeSpan.FromSeconds(30);

    private static readonly string ProviderIdParam = EnergyRpc.ProviderShow.ParamName(nameof(ProviderShowParams.ProviderId));
    private static readonly string CreditStatusParam = EnergyRpc.CreditsList.ParamName(nameof(CreditListParams.Status));
    private static readonly string ProviderParam = EnergyRpc.CreditsList.ParamName(nameof(CreditListParams.Provider));
    private static readonly string DisputeStatusParam = EnergyRpc.DisputesList.ParamName(nameof(DisputeListParams.Status));
    private static readonly string OutcomeParam = EnergyRpc.DisputesResolve.ParamName(nameof(DisputeResolveParams.Outcome));
    private static readonly string AddressParam = EnergyRpc.EscrowShow.ParamName(nameof(EscrowShowParams.Address));
    private static readonly string[] DisputeStatuses = ["open", "resolved"];

    private readonly ChainService _chain;
    private readonly EnergyMarketTotals _totals;
    private readonly TimeProvider _time;
    private readonly MarketProvidersCache _marketProviders = new();

    public EnergyRpcMethods(ChainService chain, EnergyMarketTotals totals, TimeProvider time)
    {
        _chain = chain;
        _totals = totals;
        _time = time;
    }

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(EnergyRpc.Market, RpcRole.Public, (_, _) => Market()),
        RpcMethod.For(EnergyRpc.ProviderShow, RpcRole.Public, (p, _) => ProviderShow(p)),
        RpcMethod.For(EnergyRpc.CreditsList, RpcRole.Public, (p, _) => CreditsList(p)),
        RpcMethod.For(EnergyRpc.DisputesList, RpcRole.Public, (p, _) => DisputesList(p)),
        RpcMethod.For(EnergyRpc.DisputesShow, RpcRole.Public, (p, _) => DisputesShow(p)),
        RpcMethod.For(EnergyRpc.EscrowShow, RpcRole.Public, (p, _) => EscrowShow(p)),
        RpcMethod.For(EnergyRpc.DisputesResolve, RpcRole.Admin, Resolve),
    ];

    /// <summary>Providers come from the committed state (one block throughout, cached per block); the open totals from the kept aggregates, not a count of credits.</summary>
    private ValueTask<RpcOutcome> Market()
    {
        var market = _chain.Read(_marketProviders.Get);
        var open = _totals.Current;
        var summary = new MarketSummary(
            (ulong)market.Providers.Count, market.ByStatus, open.PendingCredits, open.PendingKwh, open.ActiveDisputes, market.SettledKwh);
        return Ok(new EnergyMarket(market.Providers, summary), EnergyJsonContext.Default.EnergyMarket);
    }

    private ValueTask<RpcOutcome> ProviderShow(ProviderShowParams parameters)
    {
        if (string.IsNullOrWhiteSpace(parameters.ProviderId))
        {
            return Fail(RpcError.InvalidParams(ProviderIdParam, $"{ProviderIdParam} is blank; expected a registered provider's id, e.g. provider_usa_001"));
        }

        var view = _chain.Read(state => state.GetProvider(parameters.ProviderId) is { } provider ? EnergyViews.ToView(provider, state.EscrowOf(provider.Offtaker)) : null);
        return view is not null
            ? Ok(view, EnergyJsonContext.Default.ProviderView)
            : Fail(RpcError.NotFound(EnergyReasons.ProviderNotFound, $"there is no provider {parameters.ProviderId}"));
    }

    private ValueTask<RpcOutcome> CreditsList(CreditListParams parameters)
    {
        CreditStatus? status = null;
        if (parameters.Status is { } name)
        {
            status = CreditStatuses.Parse(name);
            if (status is null)
            {
                return Fail(RpcError.InvalidParams(CreditStatusParam, $"status \"{name}\" is not one of: {string.Join(", ", CreditStatuses.All.Select(CreditStatuses.Name))}"));
            }
        }

        if (parameters.Provider is { } provider && string.IsNullOrWhiteSpace(provider))
        {
            return Fail(RpcError.InvalidParams(ProviderParam, $"{ProviderParam} is blank; leave it out for every provider's credits"));
        }

        var limit = EnergyRpc.CreditsList.Paging!.Resolve(parameters.Limit);
        var page = _chain.Reader.ListCredits(status, parameters.Provider, parameters.BeforeId, limit);
        return Ok(new CreditList([.. page.Items.Select(EnergyViews.ToView)], page.NextBeforeId), EnergyJsonContext.Default.CreditList);
    }

    private ValueTask<RpcOutcome> DisputesList(DisputeListParams parameters)
    {
        bool? open = parameters.Status switch
        {
            null => null,
            "open" => true,
            "resolved" => false,
            _ => null,
        };
        if (parameters.Status is { } name && open is null)
        {
            return Fail(RpcError.InvalidParams(DisputeStatusParam, $"status \"{name}\" is not one of: {string.Join(", ", DisputeStatuses)}"));
        }

        var limit = EnergyRpc.DisputesList.Paging!.Resolve(parameters.Limit);
        var disputes = _chain.Reader.ListDisputes(open, limit);
        return Ok(new DisputeList([.. disputes.Select(EnergyViews.ToView)]), EnergyJsonContext.Default.DisputeList);
    }

    private ValueTask<RpcOutcome> DisputesShow(DisputeShowParams parameters) =>
        ValueTask.FromResult(Detail(parameters.Id));

    private ValueTask<RpcOutcome> EscrowShow(EscrowShowParams parameters)
    {
        if (!Address.TryParse(parameters.Address, out var address, out var error))
        {
            return Fail(new RpcError(RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidAddress, $"{AddressParam} \"{parameters.Address}\" is not an address: {error}"));
        }

        var escrow = _chain.Read(state => state.EscrowOf(address));
        return Ok(new OfftakerEscrowView(address.ToString(), escrow), EnergyJsonContext.Default.OfftakerEscrowView);
    }

    /// <summary>
    /// Signs the resolution with the node's key (a validator key, the admin path the chain accepts), admits it and waits
    /// until a block includes it, so the answer is the dispute after resolution. An unknown or resolved dispute is
    /// answered before anything is submitted.
    /// </summary>
    private async ValueTask<RpcOutcome> Resolve(DisputeResolveParams parameters, CancellationToken cancellationToken)
    {
        var outcome = parameters.Outcome switch
        {
            "upheld" => DisputeOutcome.Upheld,
            "rejected" => DisputeOutcome.Rejected,
            _ => DisputeOutcome.None,
        };
        if (outcome == DisputeOutcome.None)
        {
            return RpcError.InvalidParams(OutcomeParam, $"outcome \"{parameters.Outcome}\" is not one of: upheld, rejected");
        }

        var id = parameters.Id;
        var dispute = _chain.Read(state => state.GetDispute(id));
        if (dispute is null)
        {
            return DisputeNotFound(id);
        }

        if (!dispute.IsOpen)
        {
            return RpcError.TransactionRejected(EnergyReasons.DisputeNotOpen, $"dispute {id} was already resolved as {dispute.OutcomeName}");
        }

        var (transaction, rejection) = _chain.SubmitSigned(new DisputeResolvePayload(id, outcome));
        if (rejection is not null)
        {
            return RpcError.TransactionRejected(rejection.Reason, rejection.Message);
        }

        // An earlier transaction of the node that fails in a block moves this one's nonce: follow it through re-signing.
        var deadline = _time.GetUtcNow() + ResolveWait;
        var hash = _chain.Resigned.Latest(transaction.Hash);
        while (_chain.IsPending(hash) || hash != (hash = _chain.Resigned.Latest(transaction.Hash)))
        {
            if (_time.GetUtcNow() > deadline)
            {
                return RpcError.Unavailable(EnergyReasonRegistry.ResolutionTimeout, $"resolution transaction {hash} was admitted but not included within {ResolveWait.TotalSeconds:0} s; check it with tx status");
            }

            await Task.Delay(_chain.BlockInterval / 4, _time, cancellationToken).ConfigureAwait(false);
            hash = _chain.Resigned.Latest(transaction.Hash);
        }

        if (_chain.Reader.FindTransaction(hash) is null && _chain.Rejections.Find(hash) is { } dropped)
        {
            return RpcError.TransactionRejected(dropped.Reason, dropped.Message);
        }

        return Detail(id);
    }

    private RpcOutcome Detail(ulong id) =>
        _chain.Reader.GetEnergyDispute(id) is { } dispute
            ? RpcOutcome.Ok(EnergyViews.ToDetail(dispute, _chain.Reader.GetEnergyCredit(dispute.CreditId)), EnergyJsonContext.Default.DisputeDetail)
            : DisputeNotFound(id);

    private static RpcError DisputeNotFound(ulong id) => RpcError.NotFound(EnergyReasons.DisputeNotFound, $"there is no dispute {id}");
}
