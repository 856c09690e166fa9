namespace TheBlock.Server.Node;

/// <summary>
/// The one way the chain stops on its own: block production failed in a way retrying cannot fix. Logs
/// <c>ChainHalted</c> with the cause, sets <c>chain_halted</c>, and stops the host; the command then exits non-zero
/// (<see cref="ThrowIfHalted"/>) so that systemd's <c>Restart=on-failure</c> restarts the node and the unit shows failed.
/// </summary>
public sealed class ChainHalt
{
    private readonly NodeMetrics _metrics;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _log;
    private string? _reason;

    public ChainHalt(NodeMetrics metrics, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        _metrics = metrics;
        _lifetime = lifetime;
        _log = loggers.CreateLogger("chain");
    }

    /// <summary>What halted the chain ("at height N: cause: error"), or null while it runs.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Halts after a failure at <paramref name="height"/>; only the first halt is recorded.</summary>
    public void Halt(ulong height, Exception exception)
    {
        var cause = ChainHaltCauses.Of(exception);
        var reason = $"at height {height}: {cause}: {exception.Message}";
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null)
        {
            return;
        }

        _log.LogCritical(exception, "ChainHalted height={Height} cause={Cause} error={Error}", height, cause, exception.Message);
        _metrics.ChainHalted.Set(1);
        _lifetime.StopApplication();
    }

    /// <summary>After the host stopped: a halt becomes the command's failure, so the process exits non-zero.</summary>
    public void ThrowIfHalted()
    {
        if (Reason is { } reason)
        {
            throw new ChainHaltedException($"chain halted {reason}");
        }
    }
}
