using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>dev drill bad-signatures</c>: posts readings for the devnet's active providers, signed with a throwaway key, to
/// the oracle, which refuses each as <c>verification_failed</c>, counts it in
/// <c>energy_signature_verification_failures_total</c> and logs <c>SignatureInvalid</c> (the runbook's "Energy Stalled",
/// path B). The bad input is ongoing, so the drill runs in the foreground for <c>--duration</c> seconds or until
/// interrupted, and stops sending when it ends. Refused readings are never queued, so nothing outlives the drill:
/// <c>--recover</c> has nothing to undo and says so, with the commands that show the counter flat again.
/// </summary>
internal sealed class BadSignaturesDrill : IDrill
{
    /// <summary>The meter every drill reading names, so its <c>SignatureInvalid</c> lines stand apart from the simulator's.</summary>
    public const string DrillMeter = "drill_bad_signature";

    /// <summary>Well above the runbook's "more than 1 a second over 5 minutes", and light on the oracle.</summary>
    private const int ReadingsPerSecond = 5;

    private readonly Option<string?> _oracle;
    private readonly Option<int> _duration;

    public BadSignaturesDrill(EnergyDrillOptions options)
    {
        _oracle = options.Oracle;
        _duration = options.Duration;
    }

    public string Name => "bad-signatures";

    public string Reproduces => "Energy Stalled, path B: readings with bad signatures reach the oracle";

    public IReadOnlyList<Option> Options => [_oracle, _duration];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var oracleUrl = ReadingSubmitCommand.Oracle.ResolveUrl(context.Value(_oracle));
        var market = await context.CallAsync(EnergyRpc.Market, NoParams.Value, cancellationToken).ConfigureAwait(false);
        var providers = market.Providers.Where(p => p.Status == "active").Select(p => p.ProviderId).ToList();
        if (providers.Count == 0)
        {
            throw new CliException(CliErrors.Failed(
                EnergyReasons.KeyNotFound,
                "the devnet has no active energy provider to forge readings for; wait for the simulator to register its providers (contract-cli energy market | jq '.providers[].status')"));
        }

        var duration = TimeSpan.FromSeconds(context.Value(_duration));
        var refusals = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        using var forger = SigningKey.FromSeed(RandomNumberGenerator.GetBytes(32));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var interrupted = await ForegroundDrill.EverySecondAsync(
            context,
            duration,
            async stop =>
            {
                var batch = Forge(forger, providers, sent);
                var answer = await ReadingSubmitCommand.Oracle.PostAsync(http, oracleUrl, "/readings", JsonSerializer.Serialize(batch, EnergyJsonContext.Default.IReadOnlyListReadingSubmission), stop).ConfigureAwait(false);
                sent += batch.Count;
                Tally(answer, refusals);
            },
            cancellationToken).ConfigureAwait(false);

        var outcome = string.Join(", ", refusals.Select(r => $"{r.Value} {r.Key}"));
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                $"signed {sent} readings for {string.Join(", ", providers)} (meter {DrillMeter}) with a throwaway key and posted them to the oracle at {oracleUrl}, {ReadingsPerSecond} a second",
                $"the oracle answered: {(outcome.Length > 0 ? outcome : "nothing refused")}",
                interrupted ? "interrupted: stopped sending" : $"stopped sending after {duration.TotalSeconds:0} s (--duration)",
            ],
            [
                "alert EnergySignatureFailuresHigh (warning): energy_signature_verification_failures:rate5m > 1 (the drill sends 5 a second; the window is 30 s at time scale 10)",
                "rate(energy_signature_verification_failures_total[5m])",
                "energy_signature_verification_failures_total{reason=\"verification_failed\"}",
                $"grep 'SignatureInvalid reason=verification_failed' devnet-data/logs/oracle.log | grep meter={DrillMeter}",
                "contract-cli energy oracle keys status | jq '{healthy_oracles}'",
                $"recover: stop the drill (Ctrl-C, or let --duration run out), then contract-cli dev drill {Name} --recover",
            ]);
    }

    public Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [
                "nothing to undo: the drill sends bad readings only while it runs, and the oracle keeps nothing of a refused reading (it is never queued or forwarded)",
                "if a drill is still running in another terminal, stop it with Ctrl-C",
            ],
            [
                "increase(energy_signature_verification_failures_total[1m])   # back to the simulator's own now and then",
                $"grep -c meter={DrillMeter} devnet-data/logs/oracle.log   # stops growing",
            ]));

    private static List<ReadingSubmission> Forge(SigningKey forger, List<string> providers, int sent)
    {
        var now = DateTimeOffset.UtcNow;
        var readings = new List<ReadingSubmission>(ReadingsPerSecond);
        for (var i = 0; i < ReadingsPerSecond; i++)
        {
            var unsigned = new SignedReading(providers[(sent + i) % providers.Count], DrillMeter, 1, (ulong)now.ToUnixTimeSeconds(), (ulong)now.ToUnixTimeMilliseconds() + (ulong)i, ReadOnlyMemory<byte>.Empty);
            readings.Add(ReadingSubmission.From(unsigned with { Signature = forger.Sign(unsigned.SigningMessage()) }));
        }

        return readings;
    }

    private static void Tally(JsonElement answer, SortedDictionary<string, int> refusals)
    {
        if (!answer.TryGetProperty("results", out var results))
        {
            return;
        }

        foreach (var result in results.EnumerateArray())
        {
            var reason = result.TryGetProperty("reason", out var r) && r.GetString() is { } text ? text : result.GetProperty("status").GetString() ?? "unknown";
            refusals[reason] = refusals.GetValueOrDefault(reason) + 1;
        }
    }
}
