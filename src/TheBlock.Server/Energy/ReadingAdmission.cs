using System.Text.Json;
using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Protocol.Energy;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>
/// The node's side of <c>energy.readings.submit</c>: checks each reading as the block will (format, key, signature in
/// parallel outside any lock; then provider, meter, skew, nonce and staleness against the state plus the readings it
/// admitted that no block has committed yet), and admits the ones that pass in reading-batch transactions signed with
/// the node's key. One submission at a time takes the admission gate, so two oracles racing on one meter cannot both
/// pass the nonce check; what a block later refuses anyway shows as <c>energy_reading_rejected</c> in its events.
/// </summary>
public sealed class ReadingAdmission
{
    public const int MaxReadingsPerCall = 1_000;

    /// <summary>How long an admitted reading stands in for its meter's head while no block has committed it.</summary>
    private static readonly TimeSpan PendingHeadLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Past this many remembered heads, expired ones are swept before the next admission.</summary>
    private const int MaxPendingHeads = 100_000;

    private readonly ChainService _chain;
    private readonly EnergyMetrics _metrics;
    private readonly OracleRegistry _oracles;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Provider, string Meter), (MeterHead Head, DateTimeOffset Until)> _pending = [];

    public ReadingAdmission(ChainService chain, EnergyMetrics metrics, OracleRegistry oracles, ILoggerFactory loggers, TimeProvider time)
    {
        _chain = chain;
        _metrics = metrics;
        _oracles = oracles;
        _log = loggers.CreateLogger("energy");
        _time = time;
    }

    public ReadingBatchResult Submit(string oracleId, IReadOnlyList<JsonElement> documents)
    {
        var count = documents.Count;
        var verdicts = new ReadingVerdict?[count];
        var readings = new SignedReading?[count];
        for (var i = 0; i < count; i++)
        {
            var parse = ReadingDocument.Read(documents[i]);
            if (parse.Reading is null)
            {
                verdicts[i] = ReadingVerdict.RejectedFor(parse.Reason!, parse.Message!);
            }

            readings[i] = parse.Reading;
        }

        var keys = _chain.Read(state => readings.OfType<SignedReading>().Select(r => r.ProviderId).Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Provider: state.GetProvider(id))).ToDictionary(pair => pair.Id, pair => pair.Provider, StringComparer.Ordinal));
        Parallel.For(0, count, i =>
        {
            if (readings[i] is { } reading && ReadingCheck.Signature(reading, keys[reading.ProviderId]) is { } failure)
            {
                verdicts[i] = ReadingVerdict.RejectedFor(failure.Reason, failure.Message);
            }
        });

        ulong height;
        lock (_gate)
        {
            height = AdmitVerified(readings, verdicts);
        }

        var rejected = 0;
        for (var i = 0; i < count; i++)
        {
            if (verdicts[i] is { Status: ReadingVerdict.Rejected } refused)
            {
                rejected++;
                _metrics.Rejections.Count(refused.Reason!);
                var reading = readings[i];
                ReadingRejectionLog.Rejected(_log, "admission", refused.Reason!, reading?.ProviderId ?? "-", reading?.Meter ?? "-", reading?.Nonce ?? 0, refused.Message ?? string.Empty);
            }
        }

        _oracles.Forwarded(oracleId, count - rejected, rejected);
        return new ReadingBatchResult(height, [.. verdicts.Select(v => v!)]);
    }

    private ulong AdmitVerified(SignedReading?[] readings, ReadingVerdict?[] verdicts)
    {
        var now = _time.GetUtcNow();
        var nowSeconds = (ulong)now.ToUnixTimeSeconds();
        var maxSkew = EnergyParameters.Of(_chain.Genesis).MaxSkewSeconds;
        var (height, providers, committedHeads) = _chain.Read(state =>
        {
            var open = Enumerable.Range(0, readings.Length).Where(i => verdicts[i] is null).Select(i => readings[i]!).ToList();
            return (
                state.Height,
                open.Select(r => r.ProviderId).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => state.GetProvider(id)!, StringComparer.Ordinal),
                open.Select(r => (r.ProviderId, r.Meter)).Distinct().ToDictionary(key => key, key => state.GetMeterHead(key.ProviderId, key.Meter)));
        });

        if (_pending.Count > MaxPendingHeads)
        {
            foreach (var stale in _pending.Where(pair => pair.Value.Until < now).Select(pair => pair.Key).ToList())
            {
                _pending.Remove(stale);
            }
        }

        var admitted = new List<int>();
        var heads = new Dictionary<(string, string), MeterHead>();
        for (var i = 0; i < readings.Length; i++)
        {
            if (verdicts[i] is not null)
            {
                continue;
            }

            var reading = readings[i]!;
            var key = (reading.ProviderId, reading.Meter);
            var head = heads.TryGetValue(key, out var local) ? local : HeadOf(key, committedHeads[key], now);
            if (ReadingCheck.RunAfterSignature(reading, providers[reading.ProviderId], head, nowSeconds, maxSkew) is { } failure)
            {
                verdicts[i] = ReadingVerdict.RejectedFor(failure.Reason, failure.Message);
                continue;
            }

            heads[key] = new MeterHead(reading.Nonce, reading.TotalKwh, reading.Timestamp);
            admitted.Add(i);
        }

        foreach (var chunk in admitted.Chunk(EnergyLimits.MaxBatchReadings))
        {
            var (transaction, rejection) = _chain.SubmitSigned(new ReadingBatchPayload([.. chunk.Select(i => readings[i]!)]));
            foreach (var i in chunk)
            {
                verdicts[i] = rejection is null
                    ? ReadingVerdict.AdmittedIn(transaction.Hash.ToString())
                    : ReadingVerdict.RejectedFor(rejection.Reason, $"the node could not admit the reading batch: {rejection.Message}");
            }

            if (rejection is null)
            {
                foreach (var i in chunk)
                {
                    var reading = readings[i]!;
                    _pending[(reading.ProviderId, reading.Meter)] = (new MeterHead(reading.Nonce, reading.TotalKwh, reading.Timestamp), now + PendingHeadLifetime);
                }
            }
        }

        return height;
    }

    /// <summary>The head a new reading must follow: the last admitted one while it is ahead of the committed head and recent, else the committed head.</summary>
    private MeterHead? HeadOf((string, string) key, MeterHead? committed, DateTimeOffset now)
    {
        if (!_pending.TryGetValue(key, out var pending))
        {
            return committed;
        }

        if (pending.Until < now || (committed is { } head && head.Nonce >= pending.Head.Nonce))
        {
            _pending.Remove(key);
            return committed;
        }

        return pending.Head;
    }
}
