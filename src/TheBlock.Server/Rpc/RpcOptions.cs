namespace TheBlock.Server.Rpc;

/// <summary>Limits of the JSON-RPC listener. Settable so configuration binding can fill it.</summary>
public sealed class RpcOptions
{
    public int MaxRequestBytes { get; set; } = 1_048_576;

    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Calls per second per client IP (each batch element counts); bursts up to twice this. 0 disables the limit.</summary>
    public int RateLimitPerSecond { get; set; } = 1000;

    internal void Validate()
    {
        if (MaxRequestBytes < 1)
        {
            throw new ArgumentException($"Rpc:MaxRequestBytes must be at least 1, got {MaxRequestBytes}");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"Rpc:MaxBatchSize must be at least 1, got {MaxBatchSize}");
        }

        if (RateLimitPerSecond < 0)
        {
            throw new ArgumentException($"Rpc:RateLimitPerSecond must be 0 (no limit) or more, got {RateLimitPerSecond}");
        }
    }
}
