using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Client.Receipts;
using TheBlock.Client.Rpc;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// Drives a storage provider of its own on a devnet as an operator does, through the real contract-cli: dev account 1
/// (the CLI's key) registers it and is its owner, dev account 2 opens an agreement with it. Its receipt key is made for
/// the test and written to a key file, so <c>receipts sign --key</c> signs with it too.
/// </summary>
public sealed class MarketDriver : IDisposable
{
    public const ulong UnitPrice = 3;

    private readonly RpcClient _rpc;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public MarketDriver(DevnetProcess devnet, string providerId)
    {
        Devnet = devnet;
        ProviderId = providerId;
        _rpc = new RpcClient(new Uri(devnet.RpcUrl), null);
        var seed = RandomNumberGenerator.GetBytes(32);
        ProviderKeyFile = Path.Combine(devnet.Root, $"{providerId}.key");
        KeyFile.Write(ProviderKeyFile, seed);
        ProviderKey = SigningKey.FromSeed(seed);
        BuyerKeyFile = Path.Combine(devnet.DataDir, "keys", "dev-2.key");
        using var owner = SigningKey.FromSeed(KeyFile.Read(Path.Combine(devnet.DataDir, "keys", "dev-1.key")));
        Owner = owner.Address.ToString();
    }

    public DevnetProcess Devnet { get; }

    public string ProviderId { get; }

    public string ProviderKeyFile { get; }

    public SigningKey ProviderKey { get; }

    public string BuyerKeyFile { get; }

    public string Owner { get; }

    public ulong AgreementId { get; private set; }

    public RpcClient Rpc => _rpc;

    /// <summary>Registers the provider (owned by the CLI key) and opens an agreement from dev account 2 with <paramref name="deposit"/>.</summary>
    public async Task SetUpAsync(ulong deposit)
    {
        await Devnet.CliJson(
            "market", "provider", "register", "--market", "storage", "--provider-id", ProviderId,
            "--public-key", Convert.ToBase64String(ProviderKey.PublicKey), "--stake", "10000");
        var opened = await Devnet.CliJson(
            "--key", BuyerKeyFile, "market", "agreement", "open", "--market", "storage", "--provider-id", ProviderId,
            "--unit-price", UnitPrice.ToString(CultureInfo.InvariantCulture), "--deposit", deposit.ToString(CultureInfo.InvariantCulture));
        AgreementId = opened.GetProperty("agreement_id").GetUInt64();
    }

    public MarketReceipt Receipt(ulong nonce, ulong units = 1, ulong? agreementId = null, SigningKey? key = null) =>
        new MarketReceipt(
            ServiceMarket.Storage, ProviderId, agreementId ?? AgreementId, units, nonce, (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            [ReceiptField.Of("contract_id", $"contract-{nonce}"), ReceiptField.Of("bytes", 1_048_576UL), ReceiptField.Of("duration_seconds", 3_600UL)],
            ReadOnlyMemory<byte>.Empty).SignedWith(key ?? ProviderKey);

    /// <summary>Posts one receipt to the emitter's <c>POST /receipts</c> and returns its answer.</summary>
    public async Task<JsonElement> PostAsync(string emitterUrl, MarketReceipt receipt)
    {
        using var content = new StringContent(ReceiptDocument.ToJson(receipt), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(emitterUrl + "/receipts", content);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.Clone();
    }

    public async Task<JsonElement> TrackingAsync(string emitterUrl, string receiptId)
    {
        using var answer = JsonDocument.Parse(await _http.GetStringAsync($"{emitterUrl}/receipts/{receiptId}"));
        return answer.RootElement.Clone();
    }

    public Task<string> MetricsAsync(string url) => _http.GetStringAsync(url);

    public Task<AgreementView> AgreementAsync() => _rpc.CallAsync(ReceiptsRpc.AgreementShow, new AgreementShowParams(AgreementId));

    public async Task<ulong> OwnerBalanceAsync() => (await _rpc.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(Owner))).Balance;

    /// <summary>Every committed receipt of the provider, through <c>contract-cli receipts list --provider</c> page by page.</summary>
    public async Task<List<JsonElement>> ListedAsync()
    {
        var receipts = new List<JsonElement>();
        string? cursor = null;
        do
        {
            string[] args = ["receipts", "list", "--provider", ProviderId, "--limit", "1000", .. cursor is null ? Array.Empty<string>() : ["--cursor", cursor]];
            var page = await Devnet.CliJson(args);
            receipts.AddRange(page.GetProperty("receipts").EnumerateArray());
            cursor = page.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        return receipts;
    }

    /// <summary>The value of one sample of a Prometheus text page, e.g. <c>receipt_emitter_pending</c>.</summary>
    public static double Sample(string page, string series)
    {
        var line = page.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{page}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _rpc.Dispose();
        _http.Dispose();
        ProviderKey.Dispose();
    }
}
