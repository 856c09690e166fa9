using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Energy;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using static TheBlock.Server.Rpc.RpcHandlerResults;

namespace TheBlock.Server.Energy;

/// <summary>The node's methods for the oracle tier (docs/ENERGY.md, "Oracle"): reading batches and key syncs need the oracle token.</summary>
/// <param name="submitDelay">the <c>readings_submit_delay</c> fault switch; absent unless the node allows fault injection.</param>
public sealed class OracleRpcMethods(ChainService chain, ReadingAdmission admission, OracleRegistry oracles, ReadingsSubmitDelay? submitDelay = null) : IRpcMethodSource
{
    private static readonly string ReadingsParam = OracleRpc.ReadingsSubmit.ParamName(nameof(ReadingBatchParams.Readings));
    private static readonly string OracleIdParam = OracleRpc.ReadingsSubmit.ParamName(nameof(ReadingBatchParams.OracleId));

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(OracleRpc.ReadingsSubmit, RpcRole.Oracle, Submit),
        RpcMethod.For(OracleRpc.Keys, RpcRole.Oracle, (p, _) => Keys(p)),
        RpcMethod.For(OracleRpc.Status, RpcRole.Public, (_, _) => Status()),
    ];

    private async ValueTask<RpcOutcome> Submit(ReadingBatchParams parameters, CancellationToken cancellationToken)
    {
        if (OracleIdProblem(parameters.OracleId) is { } problem)
        {
            return RpcOutcome.Fail(RpcError.InvalidParams(OracleIdParam, problem));
        }

        if (parameters.Readings.ValueKind != System.Text.Json.JsonValueKind.Array || parameters.Readings.GetArrayLength() is 0 or > ReadingAdmission.MaxReadingsPerCall)
        {
            return RpcOutcome.Fail(RpcError.InvalidParams(ReadingsParam, $"readings must be an array of 1 to {ReadingAdmission.MaxReadingsPerCall} reading documents"));
        }

        if (submitDelay is not null)
        {
            await submitDelay.HoldAsync(cancellationToken).ConfigureAwait(false);
        }

        return RpcOutcome.Ok(admission.Submit(parameters.OracleId, [.. parameters.Readings.EnumerateArray()]), OracleJsonContext.Default.ReadingBatchResult);
    }

    private ValueTask<RpcOutcome> Keys(OracleKeysParams parameters)
    {
        if (OracleIdProblem(parameters.OracleId) is { } problem)
        {
            return Fail(RpcError.InvalidParams(OracleRpc.Keys.ParamName(nameof(OracleKeysParams.OracleId)), problem));
        }

        oracles.Synced(parameters.OracleId, parameters.KeyCount, parameters.LastSyncHeight);
        var keys = chain.Read(state => new OracleKeySet(
            state.Height,
            [.. state.Providers().Select(p => new OracleProviderKey(p.ProviderId, Convert.ToBase64String(p.PublicKey.Span), ProviderStatuses.Name(p.Status), p.Meters, p.KeySinceHeight))]));
        return Ok(keys, OracleJsonContext.Default.OracleKeySet);
    }

    private ValueTask<RpcOutcome> Status()
    {
        var (height, keyCount) = chain.Read(state => (state.Height, (ulong)state.Providers().Count(p => p.Status != ProviderStatus.Unregistered)));
        var identities = oracles.Snapshot();
        var freshest = identities.Where(o => o.LastSyncHeight is not null).OrderBy(o => o.AgeSeconds).FirstOrDefault();
        return Ok(
            new OracleTierStatus(
                height,
                keyCount,
                identities.Count == 0 ? 0 : identities.Max(o => o.KeyCount),
                freshest?.LastSyncHeight,
                freshest?.AgeSeconds,
                identities.Count(o => o.Healthy),
                identities),
            OracleJsonContext.Default.OracleTierStatus);
    }

    private static string? OracleIdProblem(string? oracleId) =>
        string.IsNullOrWhiteSpace(oracleId) || oracleId.Length > 128 ? "oracle_id must be 1 to 128 characters" : null;
}
