using System.Net.Http.Headers;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Receipts.Emitter;

namespace TheBlock.Server.Receipts;

/// <summary>
/// The simulated storage, compute and ad markets, so a fresh devnet shows every market emitting: one provider per market
/// (owned by one dev account) and a buyer (another) with an agreement with each, kept funded; every second each provider
/// posts a few signed receipts to the devnet's receipt-emitter, now and then a malformed, duplicate or badly signed one,
/// which the emitter refuses with its reason (and, while a <c>receipt-validation-errors</c> drill runs, a badly signed
/// one after every good one). Provider keys are written to <c>{data-dir}/keys/market-{provider}.key</c>,
/// so an operator can sign receipts too (<c>contract-cli receipts sign</c>). The receipts go to the devnet's own emitter,
/// else to one attached with <c>--devnet-data-dir</c> (on whatever port: the node knows it from its syncs), else to the
/// default listen address.
/// </summary>
public sealed class ReceiptsTraffic : IDevnetTraffic, IDisposable
{
    private const ulong Stake = 20_000;
    private const ulong Deposit = 5_000_000;
    private const ulong DepositLow = 500_000;
    private const int MalformedOneIn = 30;
    private const int DuplicateOneIn = 40;
    private const int BadSignatureOneIn = 35;
    private const int ReopenAfterTicks = 10;

    private static readonly (ServiceMarket Market, string Id, ulong UnitPrice)[] Providers =
    [
        (ServiceMarket.Storage, "storage_dev_001", 2),
        (ServiceMarket.Compute, "compute_dev_001", 3),
        (ServiceMarket.Ad, "ad_dev_001", 1),
    ];

    private readonly ChainService _chain;
    private readonly SigningKey? _owner;
    private readonly SigningKey? _buyer;
    private readonly string _dataDir;
    private readonly EmitterRegistry _emitters;
    private readonly ReceiptsTrafficSwitch _switch;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _nonces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _askedAt = new(StringComparer.Ordinal);
    private Task _posting = Task.CompletedTask;
    private MarketReceipt? _lastSent;
    private DevnetEndpoints? _endpoints;
    private int _ticks;

    public ReceiptsTraffic(ChainService chain, IReadOnlyList<SigningKey> signers, string dataDir, EmitterRegistry emitters, ReceiptsTrafficSwitch trafficSwitch, TimeProvider time, ILogger log)
    {
        _emitters = emitters;
        _switch = trafficSwitch;
        _chain = chain;
        _owner = signers.Count > 2 ? signers[2] : null;
        _buyer = signers.Count > 1 ? signers[1] : null;
        _dataDir = dataDir;
        _time = time;
        _log = log;
        foreach (var (_, id, _) in Providers)
        {
            var path = KeyPath(dataDir, id);
            _keys[id] = SigningKey.FromSeed(File.Exists(path) ? KeyFile.Read(path) : KeyFile.Generate(path));
        }
    }

    /// <summary>The simulated providers' ids, one per service market.</summary>
    public static IReadOnlyList<string> SimulatedProviders { get; } = [.. Providers.Select(p => p.Id)];

    /// <summary>Where the devnet keeps provider <paramref name="providerId"/>'s receipt-signing key.</summary>
    public static string KeyPath(string dataDir, string providerId) => Path.Combine(dataDir, "keys", $"market-{providerId}.key");

    public void Tick(Random random)
    {
        if (_owner is null || _buyer is null)
        {
            return;
        }

        _ticks++;
        var view = _chain.Read(state => Providers.Select(p => (
            Provider: state.GetMarketProvider(p.Market, p.Id),
            Agreement: state.Agreements().LastOrDefault(a => a.Status == AgreementStatus.Open && a.Market == p.Market && a.ProviderId == p.Id && a.Buyer == _buyer.Address)))
            .ToList());
        var receipts = new List<MarketReceipt>();
        for (var i = 0; i < Providers.Length; i++)
        {
            var (market, id, price) = Providers[i];
            var (provider, agreement) = view[i];
            if (provider is null)
            {
                Ask(id, () => Submit(_owner, new MarketProviderRegisterPayload(market, id, _keys[id].PublicKey, Stake)));
            }
            else if (agreement is null)
            {
                Ask(id, () => Submit(_buyer, new AgreementOpenPayload(market, id, price, Deposit)));
            }
            else
            {
                if (agreement.Deposit < DepositLow)
                {
                    Ask(id, () => Submit(_buyer, new AgreementTopUpPayload(agreement.AgreementId, Deposit)));
                }

                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    receipts.Add(Receipt(market, id, agreement.AgreementId, random));
                }
            }
        }

        // Switched off (a market-flatline drill), the providers keep their agreements funded but post nothing.
        if (receipts.Count > 0 && _switch.Active && _posting.IsCompleted)
        {
            _posting = PostAsync(Documents(receipts, random));
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    /// <summary>Sends a market transaction at most once per few ticks per provider, so one that is waiting for its block is not sent again.</summary>
    private void Ask(string providerId, Action submit)
    {
        if (_ticks - _askedAt.GetValueOrDefault(providerId, -ReopenAfterTicks) >= ReopenAfterTicks)
        {
            _askedAt[providerId] = _ticks;
            submit();
        }
    }

    private MarketReceipt Receipt(ServiceMarket market, string providerId, ulong agreementId, Random random)
    {
        // Nonces follow the clock (in ms) so a restarted devnet continues above the chain's window without reading it.
        var now = _time.GetUtcNow();
        var nonce = Math.Max(_nonces.GetValueOrDefault(providerId) + 1, (ulong)now.ToUnixTimeMilliseconds());
        _nonces[providerId] = nonce;
        IReadOnlyList<ReceiptField> fields = market switch
        {
            ServiceMarket.Storage => [ReceiptField.Of("contract_id", $"contract-{random.Next(1, 6)}"), ReceiptField.Of("bytes", (ulong)random.Next(1, 1 << 20)), ReceiptField.Of("duration_seconds", 60)],
            ServiceMarket.Compute => [ReceiptField.Of("job_id", $"job-{nonce % 1000}"), ReceiptField.Of("compute_units", (ulong)random.Next(1, 500))],
            _ => [ReceiptField.Of("campaign_id", $"campaign-{random.Next(1, 4)}"), ReceiptField.Of("impressions", (ulong)random.Next(100, 5_000)), ReceiptField.Of("clicks", (ulong)random.Next(0, 50))],
        };
        var units = (ulong)random.Next(1, 20);
        return new MarketReceipt(market, providerId, agreementId, units, nonce, (ulong)now.ToUnixTimeSeconds(), fields, ReadOnlyMemory<byte>.Empty).SignedWith(_keys[providerId]);
    }

    /// <summary>The receipts as JSON documents, with now and then a bad one the emitter must refuse.</summary>
    private List<JsonElement> Documents(List<MarketReceipt> receipts, Random random)
    {
        var documents = receipts.Select(Document).ToList();
        if (random.Next(MalformedOneIn) == 0)
        {
            var malformed = JsonSerializer.Deserialize(documents[0].GetRawText(), ReceiptsTrafficJsonContext.Default.DictionaryStringJsonElement)!;
            malformed.Remove("units");
            documents.Add(JsonSerializer.SerializeToElement(malformed, ReceiptsTrafficJsonContext.Default.DictionaryStringJsonElement));
        }

        if (_lastSent is { } last && random.Next(DuplicateOneIn) == 0)
        {
            documents.Add(Document(last));
        }

        if (random.Next(BadSignatureOneIn) == 0)
        {
            documents.Add(Document(Forged(receipts[0])));
        }

        // A receipt-validation-errors drill: as many refusals as good receipts, so validation success falls to about 50 %.
        if (_switch.BadSignatures)
        {
            documents.AddRange(receipts.Select(Forged).Select(Document));
        }

        _lastSent = receipts[^1];
        return documents;
    }

    /// <summary>A copy of <paramref name="receipt"/> under a fresh nonce, signed with another provider's key: <c>signature_invalid</c>.</summary>
    private MarketReceipt Forged(MarketReceipt receipt)
    {
        var wrongKey = _keys.First(pair => pair.Key != receipt.ProviderId).Value;
        _nonces[receipt.ProviderId] += 1;
        return (receipt with { Nonce = _nonces[receipt.ProviderId] }).SignedWith(wrongKey);
    }

    private static JsonElement Document(MarketReceipt receipt) => JsonElement.Parse(ReceiptDocument.ToJson(receipt));

    private async Task PostAsync(List<JsonElement> documents)
    {
        var emitter = EmitterUrl();
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(documents, ReceiptsTrafficJsonContext.Default.ListJsonElement));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(emitter + ReceiptsEndpoint.ReceiptsPath, content).ConfigureAwait(false);
            _log.LogDebug("SimulatedReceipts count={Count} status={Status}", documents.Count, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No emitter attached (a devnet started without the receipt-emitter role): these markets stay flat until one is.
            _log.LogDebug("SimulatedReceiptsUnsent emitter={Emitter} error=\"{Error}\"", emitter, ex.Message);
        }
    }

    private string EmitterUrl()
    {
        if (_endpoints is null && DevnetEndpoints.TryRead(_dataDir) is { } endpoints)
        {
            _endpoints = endpoints;
        }

        return _endpoints?.RoleUrl(EmitterHost.RoleName)
            ?? _emitters.Recent().Select(emitter => emitter.ListenUrl).FirstOrDefault()
            ?? $"http://{EmitterOptions.DefaultListen}";
    }

    private void Submit(SigningKey signer, TransactionPayload payload) => SimulatedTransactions.Submit(_chain, signer, payload, _log, "SimulatedMarketRejected");
}
