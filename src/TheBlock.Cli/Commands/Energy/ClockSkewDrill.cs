using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>dev drill clock-skew</c>: a meter whose clock is off (the runbook's "Energy Stalled", path C "Timestamp Skew").
/// It signs correct readings for the drill provider (<see cref="DrillProvider"/>, registered on first use) but stamps
/// them <c>--skew-seconds</c> in the past, beyond the oracle's accepted window (300 s by default), and posts them to the
/// oracle, which refuses each as <c>timestamp_skew</c>, counts it in
/// <c>energy_reading_rejections_total{reason="timestamp_skew"}</c> and logs <c>TimestampSkew</c>. No alert of the
/// runbook covers skew (its path C is found from the logs), so the report says which series and log lines show it.
/// Like bad-signatures it runs in the foreground for <c>--duration</c> seconds or until interrupted; refused readings
/// are never queued, so <c>--recover</c> has nothing to undo and says so.
/// </summary>
internal sealed class ClockSkewDrill : IDrill
{
    /// <summary>An hour: far outside the oracle's default 300 s window and the chain's <c>energy.max_skew_seconds</c>.</summary>
    private const int DefaultSkewSeconds = 3_600;

    private readonly Option<string?> _oracle;
    private readonly Option<int> _duration;
    private readonly Option<int> _skew = new("--skew-seconds")
    {
        Description = "clock-skew: how far in the past the drill's meter clock runs, in seconds (default 3600; the oracle accepts 300).",
        HelpName = "S",
        DefaultValueFactory = _ => DefaultSkewSeconds,
    };

    public ClockSkewDrill(EnergyDrillOptions options)
    {
        _oracle = options.Oracle;
        _duration = options.Duration;
        _skew.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 31_536_000)
            {
                result.AddError("Option '--skew-seconds' must be between 1 and 31536000 (a year).");
            }
        });
    }

    public string Name => "clock-skew";

    public string Reproduces => "Energy Stalled, path C: a meter's clock is skewed, so its readings are refused for timestamp_skew";

    public IReadOnlyList<Option> Options => [_oracle, _duration, _skew];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var oracleUrl = ReadingSubmitCommand.Oracle.ResolveUrl(context.Value(_oracle));
        var duration = TimeSpan.FromSeconds(context.Value(_duration));
        var skew = (ulong)context.Value(_skew);
        using var provider = DrillProvider.For(context);
        var did = await provider.EnsureAsync(context, cancellationToken).ConfigureAwait(false);
        var refusals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var interrupted = await ForegroundDrill.EverySecondAsync(
            context,
            duration,
            async stop =>
            {
                var (tally, _) = await provider.PostAsync(http, oracleUrl, now => (ulong)now.ToUnixTimeSeconds() - skew, stop).ConfigureAwait(false);
                foreach (var (reason, count) in tally)
                {
                    refusals[reason] = refusals.GetValueOrDefault(reason) + count;
                    sent += count;
                }
            },
            cancellationToken).ConfigureAwait(false);

        var outcome = string.Join(", ", refusals.Select(r => $"{r.Value} {r.Key}"));
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                .. did,
                $"signed {sent} readings for {DrillProvider.ProviderId} ({string.Join(", ", DrillProvider.Meters)}) with its own key, stamped {skew} s in the past, and posted them to the oracle at {oracleUrl}, {DrillProvider.Meters.Count} a second",
                $"the oracle answered: {(outcome.Length > 0 ? outcome : "nothing")}",
                interrupted ? "interrupted: stopped sending" : $"stopped sending after {duration.TotalSeconds:0} s (--duration)",
            ],
            [
                "alert: none — no rule of the runbook covers timestamp_skew refusals (path C is found from the logs); see docs/OPERATIONS.md \"Drills (devnet)\"",
                "increase(energy_reading_rejections_total{reason=\"timestamp_skew\"}[5m])   # the oracle's /metrics",
                $"grep 'TimestampSkew reason=timestamp_skew' devnet-data/logs/oracle.log | grep provider={DrillProvider.ProviderId} | tail -5",
                $"recover: stop the drill (Ctrl-C, or let --duration run out), then contract-cli dev drill {Name} --recover",
            ]);
    }

    public Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [
                "nothing to undo: the drill sends skewed readings only while it runs, and the oracle keeps nothing of a refused reading (it is never queued or forwarded)",
                "if a drill is still running in another terminal, stop it with Ctrl-C; on a real meter the fix is the runbook's: sync its clock with NTP",
            ],
            [
                "increase(energy_reading_rejections_total{reason=\"timestamp_skew\"}[1m])   # back to the simulator's own now and then",
                $"grep -c 'TimestampSkew.*provider={DrillProvider.ProviderId}' devnet-data/logs/oracle.log   # stops growing",
            ]));
}
