namespace TheBlock.Server.Rpc;

/// <summary>
/// Runs one call. <paramref name="parameters"/> borrows the request's JSON buffer: read what you need before
/// returning and never keep <see cref="RpcParams.Raw"/> beyond the call.
/// </summary>
public delegate ValueTask<RpcOutcome> RpcHandler(RpcParams parameters, CancellationToken cancellationToken);

/// <summary>A method the dispatcher serves. <paramref name="Name"/> is the CLI path, dot-separated (<c>gov.treasury.list</c>).</summary>
public sealed record RpcMethod(string Name, RpcRole Role, RpcHandler Handler);
