using System.Text.Json;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using static TheBlock.Server.Rpc.RpcHandlerResults;

namespace TheBlock.Server.Receipts;

/// <summary>The node's methods for receipt-emitters: receipt batches and syncs need the emitter token, and it can call nothing else.</summary>
public sealed class EmitterRpcMethods(ChainService chain, ReceiptAdmission admission, EmitterRegistry emitters) : IRpcMethodSource
{
    private static readonly string ReceiptsParam = EmitterRpc.BatchSubmit.ParamName(nameof(ReceiptBatchParams.Receipts));
    private static readonly string BatchEmitterParam = EmitterRpc.BatchSubmit.ParamName(nameof(ReceiptBatchParams.EmitterId));
    private static readonly string SyncEmitterParam = EmitterRpc.Sync.ParamName(nameof(EmitterSyncParams.EmitterId));
    private static readonly string ListenUrlParam = EmitterRpc.Sync.ParamName(nameof(EmitterSyncParams.ListenUrl));
    private static readonly string RefusalsParam = EmitterRpc.Sync.ParamName(nameof(EmitterSyncParams.Refusals));

    /// <summary>Markets (four, and "-") times the five reasons, with room to spare.</summary>
    private const int MaxRefusalCounts = 64;

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(EmitterRpc.BatchSubmit, RpcRole.Emitter, (p, _) => Submit(p)),
        RpcMethod.For(EmitterRpc.Sync, RpcRole.Emitter, (p, _) => Sync(p)),
    ];

    private ValueTask<RpcOutcome> Submit(ReceiptBatchParams parameters)
    {
        if (EmitterIdProblem(parameters.EmitterId) is { } problem)
        {
            return Fail(RpcError.InvalidParams(BatchEmitterParam, problem));
        }

        if (parameters.Receipts is null || parameters.Receipts.Count is 0 or > ReceiptAdmission.MaxReceiptsPerCall)
        {
            return Fail(RpcError.InvalidParams(ReceiptsParam, $"{ReceiptsParam} must be an array of 1 to {ReceiptAdmission.MaxReceiptsPerCall} base64 receipts"));
        }

        return Ok(admission.Submit(parameters.EmitterId, parameters.Receipts), EmitterJsonContext.Default.ReceiptBatchResult);
    }

    private ValueTask<RpcOutcome> Sync(EmitterSyncParams parameters)
    {
        if (EmitterIdProblem(parameters.EmitterId) is { } problem)
        {
            return Fail(RpcError.InvalidParams(SyncEmitterParam, problem));
        }

        if (!Uri.TryCreate(parameters.ListenUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Fail(RpcError.InvalidParams(ListenUrlParam, $"{ListenUrlParam} \"{parameters.ListenUrl}\" is not an http(s) URL, e.g. http://127.0.0.1:8002"));
        }

        if (ReadRefusals(parameters.Refusals, out var refusals) is { } badRefusals)
        {
            return Fail(RpcError.InvalidParams(RefusalsParam, badRefusals));
        }

        emitters.Synced(parameters.EmitterId, parameters.ListenUrl, refusals);
        var result = chain.Read(state => new EmitterSyncResult(
            state.Height,
            [.. state.MarketProviders().Select(p => new EmitterProviderKey(ServiceMarkets.Name(p.Market), p.ProviderId, Convert.ToBase64String(p.PublicKey)))],
            [.. state.Agreements().Where(a => a.Status == AgreementStatus.Open)
                .Select(a => new EmitterAgreement(a.AgreementId, ServiceMarkets.Name(a.Market), a.ProviderId, a.UnitPrice, a.Deposit))]));
        return Ok(result, EmitterJsonContext.Default.EmitterSyncResult);
    }

    private static string? EmitterIdProblem(string? emitterId) =>
        string.IsNullOrWhiteSpace(emitterId) || emitterId.Length > 128 ? "emitter_id must be 1 to 128 characters" : null;

    /// <summary>Why the reported refusals are not an array of at most 64 <c>{market, reason, count}</c> with a known reason, or null.</summary>
    private static string? ReadRefusals(JsonElement? reported, out IReadOnlyList<EmitterRefusalCount>? refusals)
    {
        refusals = null;
        if (reported is not { } array || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxRefusalCounts)
        {
            return $"{RefusalsParam} must be an array of at most {MaxRefusalCounts} {{market, reason, count}} objects";
        }

        var read = new List<EmitterRefusalCount>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("market", out var market) || market.ValueKind != JsonValueKind.String || market.GetString() is not { Length: > 0 and <= 64 } marketName
                || !item.TryGetProperty("reason", out var reason) || reason.ValueKind != JsonValueKind.String || !ReceiptReasons.Validation.Contains(reason.GetString())
                || !item.TryGetProperty("count", out var count) || count.ValueKind != JsonValueKind.Number || !count.TryGetUInt64(out var number))
            {
                return $"each of {RefusalsParam} is {{market (1 to 64 characters), reason (one of {string.Join(", ", ReceiptReasons.Validation)}), count (a whole number)}}";
            }

            read.Add(new EmitterRefusalCount(marketName, reason.GetString()!, number));
        }

        refusals = read;
        return null;
    }
}
