using TheBlock.Client.Rpc;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Runs one call. <paramref name="parameters"/> borrows the request's JSON buffer: read what you need before
/// returning and never keep <see cref="RpcParams.Raw"/> beyond the call.
/// </summary>
public delegate ValueTask<RpcOutcome> RpcHandler(RpcParams parameters, CancellationToken cancellationToken);

/// <summary>Runs one call of a typed contract, given its params already read and checked.</summary>
public delegate ValueTask<RpcOutcome> RpcHandler<in TParams>(TParams parameters, CancellationToken cancellationToken);

/// <summary>A method the dispatcher serves. <paramref name="Name"/> is the CLI path, dot-separated (<c>gov.treasury.list</c>).</summary>
public sealed record RpcMethod(string Name, RpcRole Role, RpcHandler Handler)
{
    /// <summary>
    /// Serves <paramref name="contract"/>: its name, and its params read into the contract's record by
    /// <see cref="RpcParamsReader{TParams}"/> (a missing or mistyped param is invalid_params naming it) before
    /// <paramref name="handler"/> runs.
    /// </summary>
    public static RpcMethod For<TParams, TResult>(RpcContract<TParams, TResult> contract, RpcRole role, RpcHandler<TParams> handler)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(handler);
        var reader = new RpcParamsReader<TParams>(contract.ParamsType, contract.Paging);
        return new RpcMethod(contract.Method, role, (parameters, cancellationToken) => handler(reader.Read(parameters), cancellationToken));
    }
}
