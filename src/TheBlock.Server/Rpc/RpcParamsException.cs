namespace TheBlock.Server.Rpc;

/// <summary>
/// Carries an invalid_params rejection out of an <see cref="RpcParams"/> getter, so handlers read params in one line.
/// The dispatcher turns it back into the value it wraps; it is never logged as a failure.
/// </summary>
internal sealed class RpcParamsException(RpcError error) : Exception(error.Message)
{
    public RpcError Error { get; } = error;
}
