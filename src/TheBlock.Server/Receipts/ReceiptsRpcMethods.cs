using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;
using static TheBlock.Server.Rpc.RpcHandlerResults;

namespace TheBlock.Server.Receipts;

/// <summary>The receipts module's query methods, markets' providers and agreements, and the admin reset of emitters' validation state.</summary>
public sealed class ReceiptsRpcMethods(
    ChainService chain, ReceiptsMetrics metrics, EmitterRegistry emitters, ReceiptAdmission admission, ReceiptRevalidation revalidation, ValidationStateResetter resetter,
    RpcConcurrencyGate gate)
    : IRpcMethodSource
{
    public const string AllMarkets = "all";

    /// <summary>The blocks <c>emitted_last_10_blocks</c> and <c>active_providers</c> look back over.</summary>
    public const ulong RecentBlocks = 10;
    public const ulong ActiveBlocks = 100;

    private static readonly string StatsMarketParam = ReceiptsRpc.Stats.ParamName(nameof(ReceiptStatsParams.Market));
    private static readonly string ListMarketParam = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Market));
    private static readonly string ListProviderParam = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Provider));
    private static readonly string CursorParam = ReceiptsRpc.List.ParamName(nameof(ReceiptListParams.Cursor));
    private static readonly string IdParam = ReceiptsRpc.Show.ParamName(nameof(ReceiptShowParams.Id));
    private static readonly string FromBlockParam = ReceiptsRpc.Validate.ParamName(nameof(ReceiptValidateParams.FromBlock));
    private static readonly string ToBlockParam = ReceiptsRpc.Validate.ParamName(nameof(ReceiptValidateParams.ToBlock));
    private static readonly string ProvidersMarketParam = ReceiptsRpc.ProvidersList.ParamName(nameof(MarketProvidersParams.Market));

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(ReceiptsRpc.Stats, RpcRole.Public, (p, _) => Stats(p)),
        RpcMethod.For(ReceiptsRpc.List, RpcRole.Public, (p, _) => List(p)),
        RpcMethod.For(ReceiptsRpc.Show, RpcRole.Public, (p, _) => Show(p)),
        RpcMethod.For(ReceiptsRpc.Validate, RpcRole.Public, ValidateAsync),
        RpcMethod.For(ReceiptsRpc.ProvidersList, RpcRole.Public, (p, _) => ProvidersList(p)),
        RpcMethod.For(ReceiptsRpc.AgreementShow, RpcRole.Public, (p, _) => AgreementShow(p)),
        RpcMethod.For(EmitterRpc.ResetValidationState, RpcRole.Admin, async (_, cancellationToken) =>
            RpcOutcome.Ok(await resetter.ResetAsync(cancellationToken), EmitterJsonContext.Default.ValidationStateReset)),
    ];

    private ValueTask<RpcOutcome> Stats(ReceiptStatsParams parameters)
    {
        var markets = chain.Modules.ReceiptMarkets;
        if (parameters.Market != AllMarkets && !markets.Contains(parameters.Market))
        {
            return Fail(RpcError.InvalidParams(StatsMarketParam, $"market \"{parameters.Market}\" is not one of: {string.Join(", ", markets)}, {AllMarkets}"));
        }

        var head = chain.Head.Height;
        var stored = chain.ReadStore(reader => reader.ReadReceiptTotals(head, RecentBlocks, ActiveBlocks)).ToDictionary(t => t.Market, StringComparer.Ordinal);
        var refusals = metrics.Refusals.Snapshot().Concat(emitters.Refusals()).ToList();
        var perMarket = markets.Select(market => MarketStats(market, stored.GetValueOrDefault(market), refusals)).ToList();
        if (parameters.Market != AllMarkets)
        {
            return Ok(perMarket.Single(s => s.Market == parameters.Market), ReceiptsJsonContext.Default.ReceiptStats);
        }

        var all = new ReceiptStats(
            AllMarkets,
            perMarket.Aggregate(0UL, (sum, s) => sum + s.EmittedTotal),
            perMarket.Aggregate(0UL, (sum, s) => sum + s.EmittedLast10Blocks),
            perMarket.Max(s => s.LastEmittedHeight),
            perMarket.Max(s => s.LastEmittedAt),
            admission.Pending(null),
            RefusalTally.Sum(refusals, null),
            perMarket.Aggregate(0UL, (sum, s) => sum + s.ActiveProviders),
            perMarket);
        return Ok(all, ReceiptsJsonContext.Default.ReceiptStats);
    }

    /// <param name="refusals">the node's own and every emitter's reported refusals, by market and reason.</param>
    private ReceiptStats MarketStats(string market, Storage.Receipts.MarketReceiptTotals? totals, IReadOnlyList<EmitterRefusalCount> refusals) => new(
        market,
        totals?.EmittedTotal ?? 0,
        totals?.EmittedRecent ?? 0,
        totals?.LastHeight,
        totals?.LastAt,
        ServiceMarkets.TryParse(market, out var service) ? admission.Pending(service) : 0,
        RefusalTally.Sum(refusals, market),
        totals?.ActiveProviders ?? 0,
        null);

    private ValueTask<RpcOutcome> List(ReceiptListParams parameters)
    {
        if (parameters.Market is { } market && !chain.Modules.ReceiptMarkets.Contains(market))
        {
            return Fail(RpcError.InvalidParams(ListMarketParam, $"market \"{market}\" is not one of: {string.Join(", ", chain.Modules.ReceiptMarkets)}"));
        }

        if (parameters.Provider is { } provider && string.IsNullOrWhiteSpace(provider))
        {
            return Fail(RpcError.InvalidParams(ListProviderParam, $"{ListProviderParam} is blank; leave it out for every provider's receipts"));
        }

        ulong? before = null;
        if (parameters.Cursor is { } cursor)
        {
            if (!ulong.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
            {
                return Fail(RpcError.InvalidParams(CursorParam, $"{CursorParam} \"{cursor}\" is not a next_cursor of receipts.list"));
            }

            before = sequence;
        }

        var limit = ReceiptsRpc.List.Paging!.Resolve(parameters.Limit);
        var page = chain.ReadStore(reader => reader.ListReceipts(parameters.Market, parameters.Provider, parameters.FromBlock, before, limit));
        var views = page.Items.Where(item => item.Receipt is not null).Select(item => ReceiptViews.ToView(item.Receipt!, item.Row.Height)).ToList();
        return Ok(new ReceiptList(views, page.NextSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ReceiptsJsonContext.Default.ReceiptList);
    }

    private ValueTask<RpcOutcome> Show(ReceiptShowParams parameters)
    {
        if (!Hash32.TryParse(parameters.Id, out var id))
        {
            return Fail(RpcError.InvalidParams(IdParam, $"{IdParam} \"{parameters.Id}\" is not a receipt id: expected 64 hex digits"));
        }

        var found = chain.ReadStore(reader => reader.GetReceipt(id));
        return found?.Receipt is { } receipt
            ? Ok(ReceiptViews.ToView(receipt, found.Row.Height), ReceiptsJsonContext.Default.ReceiptView)
            : Fail(RpcError.NotFound(ReceiptsReasonRegistry.ReceiptNotFound, $"no committed block holds receipt {id}"));
    }

    private async ValueTask<RpcOutcome> ValidateAsync(ReceiptValidateParams parameters, CancellationToken cancellationToken)
    {
        var head = chain.Head.Height;
        var to = parameters.ToBlock ?? head;
        if (parameters.FromBlock > head)
        {
            return RpcOutcome.Fail(RpcError.InvalidParams(FromBlockParam, $"{FromBlockParam} {parameters.FromBlock} is above the head {head}"));
        }

        if (to < parameters.FromBlock || to > head)
        {
            return RpcOutcome.Fail(RpcError.InvalidParams(ToBlockParam, $"{ToBlockParam} {to} must be between {FromBlockParam} {parameters.FromBlock} and the head {head}"));
        }

        if (to - parameters.FromBlock >= ReceiptRevalidation.MaxBlocks)
        {
            return RpcOutcome.Fail(RpcError.InvalidParams(ToBlockParam,
                $"blocks {parameters.FromBlock} to {to} are {to - parameters.FromBlock + 1} blocks; one call re-checks at most {ReceiptRevalidation.MaxBlocks}, so split the range"));
        }

        using var slot = gate.TryEnter();
        if (slot is null)
        {
            return RpcProtocolErrors.Busy(ReceiptsMethods.Validate, gate.Capacity, nameof(NodeOptions.AuditMaxConcurrent));
        }

        // Re-checking signatures over thousands of blocks is seconds of CPU: off the request threads, like an audit.
        var report = await BackgroundCpuWork.RunAsync(() => revalidation.Validate(parameters.FromBlock, to), cancellationToken).ConfigureAwait(false);
        return RpcOutcome.Ok(report, ReceiptsJsonContext.Default.ReceiptValidation);
    }

    private ValueTask<RpcOutcome> ProvidersList(MarketProvidersParams parameters)
    {
        ServiceMarket? market = null;
        if (parameters.Market is { } name)
        {
            if (!ServiceMarkets.TryParse(name, out market))
            {
                return Fail(RpcError.InvalidParams(ProvidersMarketParam, $"market \"{name}\" is not one of: {string.Join(", ", ServiceMarkets.Names)}"));
            }
        }

        var providers = chain.Read(state => state.MarketProviders().Where(p => market is null || p.Market == market).Select(ReceiptViews.ToView).ToList());
        return Ok(new MarketProviderList(providers), ReceiptsJsonContext.Default.MarketProviderList);
    }

    private ValueTask<RpcOutcome> AgreementShow(AgreementShowParams parameters)
    {
        var agreement = chain.Read(state => state.GetAgreement(parameters.AgreementId));
        return agreement is not null
            ? Ok(ReceiptViews.ToView(agreement), ReceiptsJsonContext.Default.AgreementView)
            : Fail(RpcError.NotFound(ReceiptReasons.AgreementNotFound, $"agreement {parameters.AgreementId} does not exist"));
    }
}
