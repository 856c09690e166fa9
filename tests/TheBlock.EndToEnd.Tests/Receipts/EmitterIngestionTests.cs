using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Receipts;
using TheBlock.Testing;
using TheBlock.Testing.Receipts;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// The emitter process over HTTP: each of the spec's five reasons answered (422), counted in
/// <c>receipt_validation_errors_total{reason}</c> and logged in <c>receipt-emitter.log</c> naming the market; a
/// receipt followed to its block; and the validation-state reset, which only the emitter token may ask for.
/// </summary>
public sealed class EmitterIngestionTests
{
    private const string Token = "emitter-token-for-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Bad_receipts_are_refused_counted_and_logged_by_reason_and_a_good_one_reaches_a_block()
    {
        using var root = new TempDirectory();
        using var node = new FakeEmitterNode(Token);
        await using var emitter = new EmitterProcess(root.Path, node.RpcUrl, Token);
        await emitter.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var good = EmitterTestReceipts.Storage(1);

        var (status, answer) = await PostAsync(http, emitter.Url, EmitterTestReceipts.Json(good));
        Assert.Equal((HttpStatusCode.OK, ReceiptAnswer.Accepted, good.ReceiptId.ToString()), (status, answer.Status, answer.ReceiptId));

        var refusals = new (string Json, string Reason)[]
        {
            ("""{"market":"storage","provider_id":"p","units":1}""", ReceiptReasons.SchemaMismatch),
            (EmitterTestReceipts.Json(good), ReceiptReasons.DuplicateDetection),
            (EmitterTestReceipts.Json(EmitterTestReceipts.Storage(2, key: EmitterTestReceipts.StrangerKey)), ReceiptReasons.SignatureInvalid),
            (EmitterTestReceipts.Json(EmitterTestReceipts.Storage(3, agreementId: 99)), ReceiptReasons.AgreementInvalid),
            (EmitterTestReceipts.Json(EmitterTestReceipts.Storage(4, units: 1_000_000)), ReceiptReasons.InsufficientFunds),
        };
        foreach (var (json, reason) in refusals)
        {
            var (refusedStatus, refused) = await PostAsync(http, emitter.Url, json);
            Assert.Equal((HttpStatusCode.UnprocessableEntity, ReceiptAnswer.Rejected, reason), (refusedStatus, refused.Status, refused.Reason));
        }

        var metrics = await http.GetStringAsync(emitter.MetricsUrl);
        Assert.All(ReceiptReasons.Validation, reason => Assert.Contains($"receipt_validation_errors_total{{reason=\"{reason}\"}} 1", metrics, StringComparison.Ordinal));
        await Wait.UntilAsync(
            () => File.Exists(emitter.Log) && ReceiptReasons.Validation.All(reason => ReadShared(emitter.Log).Contains($"reason={reason} stage=emitter market=storage", StringComparison.Ordinal)),
            Timeout,
            "receipt-emitter.log to name each refusal's reason and market",
            () => File.Exists(emitter.Log) ? ReadShared(emitter.Log) : "no log");

        await Wait.UntilAsync(
            async () => (await http.GetFromJsonAsync($"{emitter.Url}/receipts/{good.ReceiptId}", EmitterHttpJsonContext.Default.ReceiptTracking))!.Status == ReceiptTracking.Included,
            Timeout,
            "the good receipt to be included");
        using var unknown = await http.GetAsync($"{emitter.Url}/receipts/{new string('0', 64)}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Only_the_emitter_token_resets_the_validation_state_and_a_receipt_resent_after_it_is_not_paid_twice()
    {
        using var root = new TempDirectory();
        using var node = new FakeEmitterNode(Token);
        await using var emitter = new EmitterProcess(root.Path, node.RpcUrl, Token);
        await emitter.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var receipt = EmitterTestReceipts.Storage(1);
        Assert.Equal(ReceiptAnswer.Accepted, (await PostAsync(http, emitter.Url, EmitterTestReceipts.Json(receipt))).Answer.Status);
        await Wait.UntilAsync(() => node.Paid.ContainsKey(receipt.ReceiptId.ToString()), Timeout, "the receipt to be paid");
        await Wait.UntilAsync(
            async () => (await http.GetFromJsonAsync($"{emitter.Url}/health", EmitterHttpJsonContext.Default.EmitterHealth))!.Pending == 0, Timeout, "the emitter to see it in a block");

        using (var anonymous = await http.PostAsync($"{emitter.Url}/admin/reset-validation-state", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var wrong = new HttpRequestMessage(HttpMethod.Post, $"{emitter.Url}/admin/reset-validation-state");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        using (var refused = await http.SendAsync(wrong))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var right = new HttpRequestMessage(HttpMethod.Post, $"{emitter.Url}/admin/reset-validation-state");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var reset = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var cleared = (await reset.Content.ReadFromJsonAsync(EmitterHttpJsonContext.Default.ValidationStateCleared))!;
        Assert.Equal(1UL, cleared.ReceiptIds);
        Assert.NotNull(cleared.LastCheckedHeight);

        // The emitter forgot it, so takes it again; the chain's own check answers included, and nothing is paid twice.
        Assert.Equal(ReceiptAnswer.Accepted, (await PostAsync(http, emitter.Url, EmitterTestReceipts.Json(receipt))).Answer.Status);
        await Wait.UntilAsync(
            async () => (await http.GetFromJsonAsync($"{emitter.Url}/health", EmitterHttpJsonContext.Default.EmitterHealth))!.Pending == 0, Timeout, "the resent receipt to settle");
        Assert.Equal(1, node.Paid[receipt.ReceiptId.ToString()]);
    }

    private static async Task<(HttpStatusCode Status, ReceiptAnswer Answer)> PostAsync(HttpClient http, string url, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"{url}/receipts", content);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync(EmitterHttpJsonContext.Default.ReceiptAnswer))!);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
