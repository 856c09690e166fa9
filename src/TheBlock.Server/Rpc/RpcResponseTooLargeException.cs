namespace TheBlock.Server.Rpc;

/// <summary>
/// Thrown by <see cref="RpcResponseBuffer"/> when an answer would grow past its cap, so serialization stops there
/// instead of buffering the rest. <see cref="BatchLimitReached"/> says which cap: the batch's or the call's own.
/// </summary>
internal sealed class RpcResponseTooLargeException(bool batchLimitReached)
    : Exception(batchLimitReached ? "the batch response limit was reached" : "the call's response limit was reached")
{
    public bool BatchLimitReached { get; } = batchLimitReached;
}
