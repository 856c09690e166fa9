using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// Drives the energy market of a devnet as its actors do: dev account 2 owns providers, dev account 3 is their offtaker
/// (both sign their own transactions, submitted over JSON-RPC), and meters sign readings with a key made for the test
/// and post them to an oracle over HTTP.
/// </summary>
public sealed class EnergyDriver : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly RpcClient _rpc;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<(string, string), (ulong Nonce, ulong Timestamp)> _signed = [];

    // Load tests sign from one task per meter at once; each meter's nonce and timestamp step under this lock.
    private readonly Lock _signing = new();

    public EnergyDriver(DevnetProcess devnet)
    {
        Devnet = devnet;
        _rpc = new RpcClient(new Uri(devnet.RpcUrl), null);
        Owner = SigningKey.FromSeed(KeyFile.Read(Path.Combine(devnet.DataDir, "keys", "dev-2.key")));
        Offtaker = SigningKey.FromSeed(KeyFile.Read(Path.Combine(devnet.DataDir, "keys", "dev-3.key")));
        MeterKey = SigningKey.FromSeed(RandomNumberGenerator.GetBytes(32));
    }

    public DevnetProcess Devnet { get; }

    public SigningKey Owner { get; }

    public SigningKey Offtaker { get; }

    public SigningKey MeterKey { get; }

    public RpcClient Rpc => _rpc;

    public async Task<TransactionStatus> RegisterAsync(string providerId, ulong pricePerKwh = 3, ulong stake = 10_000, params string[] meters) =>
        await SubmitAsync(Owner, new ProviderRegisterPayload(
            providerId,
            MeterKey.PublicKey,
            new ProviderTerms(meters.Length == 0 ? ["meter_001", "meter_002"] : meters, 1_000_000, pricePerKwh, "US-TEST", Offtaker.Address),
            stake));

    public Task<TransactionStatus> DepositAsync(ulong amount) => SubmitAsync(Offtaker, new EscrowDepositPayload(amount));

    /// <summary>Signs, submits and waits until a block holds the transaction; fails on a refusal.</summary>
    public async Task<TransactionStatus> SubmitAsync(SigningKey signer, TransactionPayload payload)
    {
        var chain = (await _rpc.CallAsync(CoreRpc.NodeStatus, NoParams.Value)).ChainId;
        var account = await _rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(signer.Address.ToString()));
        var transaction = Transaction.CreateSigned(chain, signer, account.NextNonce, 0, payload);
        await _rpc.CallAsync(CoreRpc.TxSubmit, new TxSubmitParams(Convert.ToHexStringLower(transaction.Encoded.Span)));
        TransactionStatus? status = null;
        await Wait.UntilAsync(
            async () => (status = await _rpc.CallAsync(CoreRpc.TxStatus, new TxStatusParams(transaction.Hash.ToString()))).Status is TransactionStatuses.Committed or TransactionStatuses.Rejected,
            Timeout,
            $"{payload.Kind.Name} to be committed",
            Devnet.Diagnostics);
        Assert.True(status!.Status == TransactionStatuses.Committed, $"{payload.Kind.Name} was refused: {status.Reason}: {status.Message}");
        return status;
    }

    /// <summary>A reading of <paramref name="meter"/> signed by <paramref name="key"/> (the meter key by default), with the meter's next nonce and a timestamp after its last, unless given.</summary>
    public ReadingSubmission Reading(string providerId, string meter, ulong totalKwh, ulong? timestamp = null, ulong? nonce = null, SigningKey? key = null)
    {
        ulong next, ts;
        lock (_signing)
        {
            var last = _signed.GetValueOrDefault((providerId, meter));
            var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            next = nonce ?? last.Nonce + 1;
            ts = timestamp ?? Math.Max(now, last.Timestamp + 1);
            _signed[(providerId, meter)] = (Math.Max(next, last.Nonce), Math.Max(ts, last.Timestamp));
        }

        var signature = (key ?? MeterKey).Sign(SignedReading.SigningMessage(providerId, meter, totalKwh, ts, next));
        return ReadingSubmission.From(new SignedReading(providerId, meter, totalKwh, ts, next, signature));
    }

    public static string Json(ReadingSubmission reading) => JsonSerializer.Serialize(reading, EnergyJsonContext.Default.ReadingSubmission);

    public static string Json(IReadOnlyList<ReadingSubmission> readings) => JsonSerializer.Serialize(readings, EnergyJsonContext.Default.IReadOnlyListReadingSubmission);

    /// <summary>Posts a body to the oracle's <c>/readings</c> and returns the HTTP status and the JSON answer.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string oracleUrl, string body, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, oracleUrl + "/readings") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = expectContinue;
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public async Task<JsonElement> TrackingAsync(string oracleUrl, string trackingId)
    {
        var text = await _http.GetStringAsync($"{oracleUrl}/readings/{trackingId}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Waits until the oracle has seen the reading in a committed block, and returns its tracking view.</summary>
    public async Task<JsonElement> IncludedAsync(string oracleUrl, string trackingId)
    {
        JsonElement view = default;
        await Wait.UntilAsync(
            async () => (view = await TrackingAsync(oracleUrl, trackingId)).GetProperty("status").GetString() != TrackingView.Pending,
            Timeout,
            $"reading {trackingId} to reach a block",
            Devnet.Diagnostics);
        return view;
    }

    /// <summary>Every credit of <paramref name="providerId"/> the node's tables hold, walking the pages newest first.</summary>
    public async Task<List<CreditView>> CreditsAsync(string providerId)
    {
        var credits = new List<CreditView>();
        ulong? before = null;
        do
        {
            var page = await _rpc.CallAsync(EnergyRpc.CreditsList, new CreditListParams(Provider: providerId, Limit: 1_000, BeforeId: before));
            credits.AddRange(page.Credits);
            before = page.NextBeforeId;
        }
        while (before is not null);

        return credits;
    }

    public Task<LedgerInspection> LedgerAsync(string account, int limit = 100) => _rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(account, limit));

    public async Task<string> MetricsAsync(string url) => await _http.GetStringAsync(url);

    /// <summary>The value of one sample line of a Prometheus text page, e.g. <c>energy_reading_rejections_total{reason="nonce_replay"}</c>.</summary>
    public static double Sample(string page, string series)
    {
        var line = page.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{page}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Address AddressOf(SigningKey key) => key.Address;

    public void Dispose()
    {
        _rpc.Dispose();
        _http.Dispose();
        Owner.Dispose();
        Offtaker.Dispose();
        MeterKey.Dispose();
    }
}
