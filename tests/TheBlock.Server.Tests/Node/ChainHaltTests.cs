using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using TheBlock.Protocol.Ledger;
using TheBlock.Server.Node;
using TheBlock.Server.Tests.Rpc;
using TheBlock.Storage;

namespace TheBlock.Server.Tests.Node;

/// <summary>A halt names its cause, sets chain_halted, stops the host once, and turns into the command's failure.</summary>
public sealed class ChainHaltTests
{
    private readonly CapturingLogger _log = new();
    private readonly StoppingLifetime _lifetime = new();
    private readonly NodeMetrics _metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

    [Theory]
    [InlineData("invariant_violation")]
    [InlineData("state_corrupted")]
    [InlineData("unexpected_error")]
    public void A_halt_logs_ChainHalted_with_its_cause_sets_the_metric_and_stops_the_host(string cause)
    {
        Exception failure = cause switch
        {
            ChainHaltCauses.InvariantViolation => new InvariantViolationException("at height 7 treasury_escrow ct holds 0 CT but executed, unfinalized disbursements add up to 100 CT"),
            ChainHaltCauses.StateCorrupted => new StateCorruptedException("disbursement 3 changed in block 7 but has no stored row"),
            _ => new InvalidOperationException("a bug"),
        };
        var halt = new ChainHalt(_metrics, _lifetime, new OneLoggerFactory(_log));

        halt.Halt(7, failure);

        var line = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Critical, line.Level);
        Assert.Equal($"ChainHalted height=7 cause={cause} error={failure.Message}", line.Message);
        Assert.Equal(1, _metrics.ChainHalted.Value);
        Assert.Equal(1, _lifetime.StopRequests);
        var exit = Assert.Throws<ChainHaltedException>(halt.ThrowIfHalted);
        Assert.Equal($"chain halted at height 7: {cause}: {failure.Message}", exit.Message);
    }

    [Fact]
    public void Only_the_first_halt_is_recorded_and_a_running_chain_is_not_a_failure()
    {
        var halt = new ChainHalt(_metrics, _lifetime, new OneLoggerFactory(_log));
        halt.ThrowIfHalted();
        Assert.Equal(0, _metrics.ChainHalted.Value);

        halt.Halt(3, new InvalidOperationException("first"));
        halt.Halt(4, new InvalidOperationException("second"));

        Assert.Single(_log.Entries);
        Assert.Equal(1, _lifetime.StopRequests);
        Assert.Equal("at height 3: unexpected_error: first", halt.Reason);
    }

    private sealed class StoppingLifetime : IHostApplicationLifetime
    {
        public int StopRequests { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopRequests++;
    }

    private sealed class OneLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
