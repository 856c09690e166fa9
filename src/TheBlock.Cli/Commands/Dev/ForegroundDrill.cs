using System.Runtime.InteropServices;

namespace TheBlock.Cli.Commands.Dev;

/// <summary>
/// The loop of a drill whose bad input lasts only while it runs (bad signatures, clock skew): one round a second in the
/// foreground until <c>--duration</c> runs out or the operator presses Ctrl-C (or sends SIGTERM), which ends the drill
/// instead of the process, so what was sent is still reported.
/// </summary>
internal static class ForegroundDrill
{
    /// <summary>Runs <paramref name="round"/> now and once a second until <paramref name="duration"/> has passed or a signal stops it.</summary>
    /// <returns>True when a signal (or <paramref name="cancellationToken"/>) cut it short.</returns>
    public static async Task<bool> EverySecondAsync(CommandContext context, TimeSpan duration, Func<CancellationToken, Task> round, CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var deadline = DateTimeOffset.UtcNow + duration;
        var interrupted = false;
        try
        {
            do
            {
                await round(stop.Token).ConfigureAwait(false);
                context.Progress?.Write('.');
            }
            while (DateTimeOffset.UtcNow < deadline && await ticks.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            interrupted = true;
        }

        context.Progress?.WriteLine();
        return interrupted;

        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
    }
}
