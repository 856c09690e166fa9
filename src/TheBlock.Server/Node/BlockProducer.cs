using TheBlock.Protocol.Ledger;

namespace TheBlock.Server.Node;

/// <summary>Produces a block every block interval, empty or not, so height and time advance steadily.</summary>
public sealed class BlockProducer : BackgroundService
{
    private readonly ChainService _chain;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public BlockProducer(ChainService chain, TimeProvider time, ILoggerFactory loggers)
    {
        _chain = chain;
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
        catch (InvariantViolationException ex)
        {
            // A broken invariant means the state machine is wrong: stop rather than commit anything further.
            _log.LogCritical("ChainHalted height={Height} error={Error}", _chain.Head.Height, ex.Message);
            throw;
        }
    }
}
