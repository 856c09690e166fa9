namespace TheBlock.Server.Rpc;

/// <summary>Limits of the JSON-RPC listener. Settable so configuration binding can fill it.</summary>
public sealed class RpcOptions
{
    public int MaxRequestBytes { get; set; } = 1_048_576;

    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Calls per second per client IP (each batch element counts); bursts up to twice this. 0 disables the limit.</summary>
    public int RateLimitPerSecond { get; set; } = 1000;

    /// <summary>Bytes one call's answer may take; a larger result is answered <c>response_too_large</c> instead.</summary>
    public int MaxResponseBytes { get; set; } = 8 * 1_048_576;

    /// <summary>Bytes a batch's answer may take in all; calls after the cap is reached are not run.</summary>
    public int MaxBatchResponseBytes { get; set; } = 16 * 1_048_576;

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

        if (MaxResponseBytes < 1)
        {
            throw new ArgumentException($"Rpc:MaxResponseBytes must be at least 1, got {MaxResponseBytes}");
        }

        if (MaxBatchResponseBytes < MaxResponseBytes)
        {
            throw new ArgumentException($"Rpc:MaxBatchResponseBytes must be at least MaxResponseBytes ({MaxResponseBytes}), got {MaxBatchResponseBytes}");
        }

        if (RateLimitPerSecond < 0)
        {
            throw new ArgumentException($"Rpc:RateLimitPerSecond must be 0 (no limit) or more, got {RateLimitPerSecond}");
        }
    }
}
