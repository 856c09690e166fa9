using System.Text.Json;
using Prometheus;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Receipts.Emitter;
using TheBlock.Testing;
using TheBlock.Testing.Receipts;

namespace TheBlock.Server.Tests.Receipts;

/// <summary>
/// Validation at ingestion: each of the spec's five reasons is answered to the submitter, counted in
/// <c>receipt_validation_errors_total{reason}</c> and logged naming the market, and a refused receipt is not queued.
/// </summary>
public sealed class EmitterValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CapturingLoggerFactory _logs = new();
    private readonly ReceiptStore _store;
    private readonly EmitterMetrics _metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
    private readonly ValidationState _validation = new();
    private readonly ReceiptQueue _queue;
    private readonly EmitterChainView _view;
    private readonly RpcClient _nowhere = new(new Uri("http://127.0.0.1:1/rpc"), "token", TimeSpan.FromSeconds(1));
    private readonly ReceiptIngestion _ingestion;

    public EmitterValidationTests()
    {
        var options = new EmitterOptions { Token = "token" };
        _store = ReceiptStore.Open(_dir.File("emitter.db"));
        _queue = new ReceiptQueue(_store, _validation, _metrics, options, TimeProvider.System);
        _view = new EmitterChainView(_nowhere, _store, _validation, options, _metrics, TimeProvider.System, _logs);
        _view.Adopt(EmitterTestReceipts.Sync(deposit: 100));
        _ingestion = new ReceiptIngestion(_view, _validation, _queue, _metrics, _logs);
        // Starting a background service returns once its loop runs: nothing to wait for.
        _ = _queue.StartAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _queue.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _queue.Dispose();
        _logs.Dispose();
        _view.Dispose();
        _nowhere.Dispose();
        _store.Dispose();
        _dir.Dispose();
    }

    private async Task<ReceiptAnswer> SubmitAsync(string json)
    {
        using var document = JsonDocument.Parse(json);
        var answers = await _ingestion.IngestAsync([document.RootElement], CancellationToken.None);
        return answers[0];
    }

    private Task<ReceiptAnswer> SubmitAsync(MarketReceipt receipt) => SubmitAsync(EmitterTestReceipts.Json(receipt));

    [Fact]
    public void Every_reason_reads_zero_before_any_refusal()
    {
        Assert.All(ReceiptReasons.Validation, reason => Assert.Equal(0, _metrics.ValidationErrors.WithLabels(reason).Value));
    }

    [Fact]
    public async Task A_valid_receipt_is_accepted_only_once_it_is_in_the_queue()
    {
        var receipt = EmitterTestReceipts.Storage(1);

        var answer = await SubmitAsync(receipt);

        Assert.Equal((ReceiptAnswer.Accepted, receipt.ReceiptId.ToString()), (answer.Status, answer.ReceiptId));
        Assert.Equal(ReceiptTracking.Queued, _store.Find(answer.ReceiptId!)!.Status);
        Assert.Equal(1, _metrics.Pending.Value);
    }

    [Fact]
    public async Task A_receipt_missing_its_market_fields_is_a_schema_mismatch()
    {
        var answer = await SubmitAsync("""{"market":"storage","provider_id":"p","agreement_id":1,"units":1,"nonce":1,"created_at":1,"signature":""}""");

        AssertRefused(answer, ReceiptReasons.SchemaMismatch);
    }

    [Fact]
    public async Task The_same_receipt_twice_and_the_same_nonce_in_another_receipt_are_duplicates()
    {
        var first = EmitterTestReceipts.Storage(5);
        Assert.Equal(ReceiptAnswer.Accepted, (await SubmitAsync(first)).Status);

        AssertRefused(await SubmitAsync(first), ReceiptReasons.DuplicateDetection);
        AssertRefused(await SubmitAsync(EmitterTestReceipts.Storage(5, units: 2)), ReceiptReasons.DuplicateDetection, expectedCount: 2);
    }

    [Fact]
    public async Task A_receipt_still_in_the_queue_stays_a_duplicate_after_the_window_is_reset()
    {
        var receipt = EmitterTestReceipts.Storage(9);
        Assert.Equal(ReceiptAnswer.Accepted, (await SubmitAsync(receipt)).Status);

        Assert.Equal((1UL, 1UL), _validation.Clear());

        AssertRefused(await SubmitAsync(receipt), ReceiptReasons.DuplicateDetection);
        Assert.Equal(1, _store.PendingCount());
    }

    [Fact]
    public async Task A_receipt_signed_with_another_key_has_an_invalid_signature()
    {
        AssertRefused(await SubmitAsync(EmitterTestReceipts.Storage(1, key: EmitterTestReceipts.StrangerKey)), ReceiptReasons.SignatureInvalid);
    }

    [Fact]
    public async Task A_receipt_against_an_agreement_the_chain_does_not_have_is_agreement_invalid()
    {
        AssertRefused(await SubmitAsync(EmitterTestReceipts.Storage(1, agreementId: 99)), ReceiptReasons.AgreementInvalid);
    }

    [Fact]
    public async Task A_receipt_the_deposit_less_what_is_already_accepted_cannot_cover_is_insufficient_funds()
    {
        // Deposit 100 at 10 CT a unit: 6 units are accepted, 5 more would need 50 of the 40 left.
        Assert.Equal(ReceiptAnswer.Accepted, (await SubmitAsync(EmitterTestReceipts.Storage(1, units: 6))).Status);

        AssertRefused(await SubmitAsync(EmitterTestReceipts.Storage(2, units: 5)), ReceiptReasons.InsufficientFunds);
        Assert.Equal(ReceiptAnswer.Accepted, (await SubmitAsync(EmitterTestReceipts.Storage(3, units: 4))).Status);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_receipt_are_accepted_once()
    {
        var receipt = EmitterTestReceipts.Json(EmitterTestReceipts.Storage(7));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => SubmitAsync(receipt))));

        Assert.Single(answers, answer => answer.Status == ReceiptAnswer.Accepted);
        Assert.Equal(19, answers.Count(answer => answer.Reason == ReceiptReasons.DuplicateDetection));
        Assert.Equal(1, _store.PendingCount());
    }

    private void AssertRefused(ReceiptAnswer answer, string reason, int expectedCount = 1)
    {
        Assert.Equal((ReceiptAnswer.Rejected, reason), (answer.Status, answer.Reason));
        Assert.False(string.IsNullOrWhiteSpace(answer.Message));
        Assert.Equal(expectedCount, _metrics.ValidationErrors.WithLabels(reason).Value);
        Assert.Contains(_logs.Entries, log => log.Category == ReceiptRejectionLog.Category
            && log.Message.StartsWith($"ReceiptRejected reason={reason} stage=emitter market=storage", StringComparison.Ordinal));
        Assert.All(ReceiptReasons.Validation.Where(other => other != reason), other => Assert.Equal(0, _metrics.ValidationErrors.WithLabels(other).Value));
    }
}
