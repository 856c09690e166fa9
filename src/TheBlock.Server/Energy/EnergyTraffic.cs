using System.Net.Http.Headers;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Devnet;
using TheBlock.Server.Energy.Oracle;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>
/// The simulated energy market, so a fresh devnet shows it live: three providers (owned by one dev account, selling to
/// another as offtaker, which keeps its escrow funded) whose meters post signed readings through the devnet's oracle
/// every second; now and then a reading with a bad signature or a skewed clock, and a dispute, which the node's admin
/// path resolves: upheld against the flaky <c>provider_dev_003</c> (so it is slashed and, in time, suspended), rejected
/// otherwise; it disputes and resolves only its own providers' credits. Meter keys are written to
/// <c>{data-dir}/keys/meter-{provider}.key</c>, so an operator can sign readings too.
/// </summary>
public sealed class EnergyTraffic : IDevnetTraffic, IDisposable
{
    public const string FlakyProvider = "provider_dev_003";
    private const ulong Stake = 50_000;
    private const ulong EscrowLow = 200_000;
    private const ulong EscrowTopUp = 2_000_000;
    private const int BadSignatureOneIn = 30;
    private const int SkewOneIn = 45;
    private const int DisputeOneIn = 25;
    private const int ResolveAfterTicks = 5;
    private const int FollowChainEvery = 10;
    private const int DepositEveryTicks = 10;

    private static readonly (string Id, ulong Price, string[] Meters)[] Providers =
    [
        ("provider_dev_001", 3, ["meter_001", "meter_002"]),
        ("provider_dev_002", 4, ["meter_001"]),
        (FlakyProvider, 2, ["meter_001", "meter_002"]),
    ];

    private readonly ChainService _chain;
    private readonly SigningKey? _owner;
    private readonly SigningKey? _offtaker;
    private readonly string _dataDir;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly Dictionary<string, SigningKey> _meterKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), MeterHead> _heads = [];
    private readonly Dictionary<ulong, int> _disputesOpenedAt = [];
    private readonly HashSet<string> _registering = new(StringComparer.Ordinal);
    private Task _posting = Task.CompletedTask;
    private volatile bool _resyncHeads;
    private DevnetEndpoints? _endpoints;
    private int _ticks;
    private int? _lastDepositTick;

    public EnergyTraffic(ChainService chain, IReadOnlyList<SigningKey> signers, string dataDir, TimeProvider time, ILogger log)
    {
        _chain = chain;
        _owner = signers.Count > 0 ? signers[0] : null;
        _offtaker = signers.Count > 1 ? signers[1] : null;
        _dataDir = dataDir;
        _time = time;
        _log = log;
        foreach (var (id, _, _) in Providers)
        {
            var path = Path.Combine(dataDir, "keys", $"meter-{id}.key");
            _meterKeys[id] = SigningKey.FromSeed(File.Exists(path) ? KeyFile.Read(path) : KeyFile.Generate(path));
        }
    }

    public void Tick(Random random)
    {
        if (_owner is null || _offtaker is null)
        {
            return;
        }

        _ticks++;
        var view = _chain.Read(state => (
            Providers: Providers.Select(p => state.GetProvider(p.Id)).ToList(),
            Escrow: state.EscrowOf(_offtaker.Address),
            // Only its own providers' credits and disputes: others (an operator's, a drill's backlog) are theirs to resolve.
            Pending: state.OpenCredits().Where(c => c.Status == CreditStatus.Pending && IsSimulated(c.ProviderId)).TakeLast(20).ToList(),
            OpenDisputes: state.Disputes().Where(d => d.IsOpen && IsSimulated(d.ProviderId)).ToList()));
        Register(view.Providers);
        // A deposit takes a block or two to show in the escrow: wait that long before sending another.
        if (view.Escrow < EscrowLow && (_lastDepositTick is not { } last || _ticks - last > DepositEveryTicks))
        {
            _lastDepositTick = _ticks;
            Submit(_offtaker, new EscrowDepositPayload(EscrowTopUp));
        }

        PostReadings(view.Providers, random);
        Dispute(view.Pending, random);
        Resolve(view.OpenDisputes);
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var key in _meterKeys.Values)
        {
            key.Dispose();
        }
    }

    private void Register(List<Provider?> registered)
    {
        for (var i = 0; i < Providers.Length; i++)
        {
            var (id, price, meters) = Providers[i];
            if (registered[i] is null && _registering.Add(id))
            {
                var terms = new ProviderTerms(meters, 10_000, price, "US-DEV", _offtaker!.Address);
                Submit(_owner!, new ProviderRegisterPayload(id, _meterKeys[id].PublicKey, terms, Stake));
            }
            else if (registered[i] is not null)
            {
                _registering.Remove(id);
            }
        }
    }

    private void PostReadings(List<Provider?> providers, Random random)
    {
        if (!_posting.IsCompleted)
        {
            return;
        }

        if (_resyncHeads)
        {
            _resyncHeads = false;
            _heads.Clear();
        }

        var now = _time.GetUtcNow();
        var seconds = (ulong)now.ToUnixTimeSeconds();
        var readings = new List<ReadingSubmission>();
        foreach (var provider in providers.Where(p => p is { Status: ProviderStatus.Active }))
        {
            foreach (var meter in provider!.Meters)
            {
                var key = (provider.ProviderId, meter);
                if (!_heads.TryGetValue(key, out var head) || _ticks % FollowChainEvery == 0)
                {
                    // An operator's own reading may have moved the meter ahead of the simulator: follow the chain's head then.
                    var chainHead = _chain.Read(state => state.GetMeterHead(provider.ProviderId, meter)) ?? new MeterHead(0, 0, 0);
                    head = chainHead.TotalKwh > head.TotalKwh || chainHead.Nonce > head.Nonce ? chainHead : head;
                }

                if (seconds <= head.Timestamp)
                {
                    continue;
                }

                var next = new MeterHead(Math.Max(head.Nonce + 1, (ulong)now.ToUnixTimeMilliseconds()), head.TotalKwh + (ulong)random.Next(1, 26), seconds);
                _heads[key] = next;
                readings.Add(Sign(provider.ProviderId, meter, next, _meterKeys[provider.ProviderId]));
            }
        }

        if (readings.Count > 0 && random.Next(BadSignatureOneIn) == 0)
        {
            var victim = readings[0];
            var wrongKey = _meterKeys.First(pair => pair.Key != victim.ProviderId).Value;
            readings.Add(Sign(victim.ProviderId, victim.Meter, new MeterHead(victim.Nonce + 1, victim.TotalKwh, victim.Timestamp), wrongKey));
        }

        if (readings.Count > 0 && random.Next(SkewOneIn) == 0)
        {
            var victim = readings[0];
            readings.Add(Sign(victim.ProviderId, victim.Meter, new MeterHead(victim.Nonce + 2, victim.TotalKwh, seconds - 1_000), _meterKeys[victim.ProviderId]));
        }

        if (readings.Count > 0)
        {
            _posting = PostAsync(readings);
        }
    }

    private async Task PostAsync(List<ReadingSubmission> readings)
    {
        var oracle = OracleUrl();
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(readings, EnergyJsonContext.Default.IReadOnlyListReadingSubmission));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(oracle + OracleHost.ReadingsPath, content).ConfigureAwait(false);
            _log.LogDebug("SimulatedReadings count={Count} status={Status}", readings.Count, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No oracle attached (a devnet started with --roles node): the meters wait for one and start again from the chain's heads.
            _resyncHeads = true;
            _log.LogDebug("SimulatedReadingsUnsent oracle={Oracle} error=\"{Error}\"", oracle, ex.Message);
        }
    }

    /// <summary>
    /// The devnet's own oracle as its endpoints file names it (written before the devnet starts), read once; without
    /// the file (a node not started as a devnet), an attached replica at the default address.
    /// </summary>
    private string OracleUrl()
    {
        if (_endpoints is null && DevnetEndpoints.TryRead(_dataDir) is { } endpoints)
        {
            _endpoints = endpoints;
        }

        return _endpoints?.RoleUrl(EnergyOracleRole.RoleName) ?? $"http://{OracleOptions.DefaultListen}";
    }

    private void Dispute(List<Credit> pending, Random random)
    {
        if (pending.Count == 0 || random.Next(DisputeOneIn) != 0)
        {
            return;
        }

        var credit = pending[random.Next(pending.Count)];
        _disputesOpenedAt[credit.CreditId] = _ticks;
        Submit(_offtaker!, new DisputeOpenPayload(credit.CreditId, "simulated: the offtaker's meter disagrees"));
    }

    private void Resolve(List<Dispute> open)
    {
        foreach (var dispute in open)
        {
            if (_ticks - _disputesOpenedAt.GetValueOrDefault(dispute.CreditId, _ticks - ResolveAfterTicks) < ResolveAfterTicks)
            {
                continue;
            }

            _disputesOpenedAt[dispute.CreditId] = int.MaxValue / 2;
            var outcome = dispute.ProviderId == FlakyProvider ? DisputeOutcome.Upheld : DisputeOutcome.Rejected;
            var (transaction, rejection) = _chain.SubmitSigned(new DisputeResolvePayload(dispute.DisputeId, outcome));
            if (rejection is not null)
            {
                _log.LogInformation("SimulatedEnergyRejected kind={Kind} tx_hash={TxHash} reason={Reason}", transaction.Kind.Name, transaction.Hash, rejection.Reason);
            }
        }
    }

    private static bool IsSimulated(string providerId) => Providers.Any(p => p.Id == providerId);

    private static ReadingSubmission Sign(string providerId, string meter, MeterHead head, SigningKey key)
    {
        var message = SignedReading.SigningMessage(providerId, meter, head.TotalKwh, head.Timestamp, head.Nonce);
        return ReadingSubmission.From(new SignedReading(providerId, meter, head.TotalKwh, head.Timestamp, head.Nonce, key.Sign(message)));
    }

    private void Submit(SigningKey signer, TransactionPayload payload) => SimulatedTransactions.Submit(_chain, signer, payload, _log, "SimulatedEnergyRejected");
}
