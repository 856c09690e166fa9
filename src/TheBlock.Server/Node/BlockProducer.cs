namespace TheBlock.Server.Node;

/// <summary>Produces a block every block interval, empty or not, so height and time advance steadily.</summary>
public sealed class BlockProducer : BackgroundService
{
    private readonly ChainService _chain;
    private readonly ChainHalt _halt;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public BlockProducer(ChainService chain, ChainHalt halt, TimeProvider time, ILoggerFactory loggers)
    {
        _chain = chain;
        _halt = halt;
        _time = time;
        _log = loggers.CreateLogger("chain");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _log.LogInformation("BlockProducerStarted height={Height} interval_ms={IntervalMs}", _chain.Head.Height, _chain.BlockInterval.TotalMilliseconds);
        using var timer = new PeriodicTimer(_chain.BlockInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _chain.ProduceBlock();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Storage errors are handled (and retried) inside ProduceBlock; whatever reaches here is a broken invariant
            // or a bug. Committing anything further could make it worse: stop, and let the exit code say so.
            _halt.Halt(_chain.Head.Height + 1, ex);
        }
    }
}
