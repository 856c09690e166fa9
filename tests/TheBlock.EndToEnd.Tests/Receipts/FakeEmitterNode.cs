using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Receipts;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A stand-in for the node's emitter-facing JSON-RPC (<c>receipts.emitter.sync</c>, <c>receipts.batch.submit</c>,
/// <c>tx.status</c>) on a real socket, for testing the emitter before the node side exists. It behaves like the node's
/// contract: a receipt already in a block is answered <c>included</c>, one already waiting in the mempool is answered
/// <c>admitted</c> with its transaction, a new one goes into a new batch transaction; blocks commit the mempool while
/// <see cref="Committing"/>. It counts how often each receipt was put into a block, so a test sees anything paid twice.
/// </summary>
public sealed class FakeEmitterNode : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _mempool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _committedTx = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _includedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _txReceipts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _paid = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _token;
    private ulong _height = 1;

    public FakeEmitterNode(string token)
    {
        _token = token;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
        _ = Task.Run(ProduceBlocksAsync);
    }

    public int Port { get; }

    public string RpcUrl => $"http://127.0.0.1:{Port}/rpc";

    /// <summary>While false, <c>receipts.batch.submit</c> answers like a node that is down (no JSON-RPC), the rest still answer.</summary>
    public bool TakingBatches { get; set; } = true;

    /// <summary>While false, blocks stop committing the mempool (batches stay admitted, not included).</summary>
    public bool Committing { get; set; } = true;

    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);
    private int _syncs;
    private int _batches;
    private int _batchesNow;
    private int _mostBatchesAtOnce;

    /// <summary>How long <c>receipts.batch.submit</c> takes to answer, as a node busy verifying would.</summary>
    public TimeSpan SubmitDelay { get; set; }

    /// <summary>The most <c>receipts.batch.submit</c> calls the node was answering at one time.</summary>
    public int MostBatchesAtOnce => Volatile.Read(ref _mostBatchesAtOnce);

    /// <summary>How many <c>receipts.batch.submit</c> calls carried each receipt id.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    public int Syncs => Volatile.Read(ref _syncs);

    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Receipt ids a block refuses (as when their agreement closed after admission): recorded in the batch's outcomes, never paid.</summary>
    public ConcurrentDictionary<string, string> RefusedInBlock { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times each receipt id was put into a block.</summary>
    public IReadOnlyDictionary<string, int> Paid => _paid;

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _mempool.Count;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ProduceBlocksAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(100).ConfigureAwait(false);
            if (!Committing)
            {
                continue;
            }

            lock (_gate)
            {
                _height++;
                foreach (var (id, tx) in _mempool)
                {
                    _includedAt[id] = _height;
                    _committedTx[tx] = _height;
                    if (!RefusedInBlock.ContainsKey(id))
                    {
                        _paid.AddOrUpdate(id, 1, (_, n) => n + 1);
                    }
                }

                _mempool.Clear();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        using var request = JsonDocument.Parse(await reader.ReadToEndAsync().ConfigureAwait(false));
        var method = request.RootElement.GetProperty("method").GetString();
        var id = request.RootElement.GetProperty("id").GetRawText();
        var parameters = request.RootElement.GetProperty("params");
        string? result;
        if (method is EmitterMethods.Sync or EmitterMethods.BatchSubmit && context.Request.Headers["Authorization"] != $"Bearer {_token}")
        {
            await WriteAsync(context, 200, Error(id, -32001, "the emitter token is required", "unauthorized")).ConfigureAwait(false);
            return;
        }

        switch (method)
        {
            case EmitterMethods.Sync:
                Interlocked.Increment(ref _syncs);
                ulong height;
                lock (_gate)
                {
                    height = _height;
                }

                result = JsonSerializer.Serialize(EmitterTestSync(height), EmitterJsonContext.Default.EmitterSyncResult);
                break;
            case EmitterMethods.BatchSubmit when !TakingBatches:
                await WriteAsync(context, 503, "node is down").ConfigureAwait(false);
                return;
            case EmitterMethods.BatchSubmit:
                Interlocked.Increment(ref _batches);
                var now = Interlocked.Increment(ref _batchesNow);
                InterlockedMax(ref _mostBatchesAtOnce, now);
                try
                {
                    await Task.Delay(SubmitDelay).ConfigureAwait(false);
                    var batch = parameters.Deserialize(EmitterJsonContext.Default.ReceiptBatchParams)!;
                    result = JsonSerializer.Serialize(Submit(batch), EmitterJsonContext.Default.ReceiptBatchResult);
                }
                finally
                {
                    Interlocked.Decrement(ref _batchesNow);
                }

                break;
            case CoreMethods.TxStatus:
                result = JsonSerializer.Serialize(Status(parameters.GetProperty("hash").GetString()!), CoreJsonContext.Default.TransactionStatus);
                break;
            default:
                await WriteAsync(context, 200, Error(id, -32601, "no such method", "method_not_found")).ConfigureAwait(false);
                return;
        }

        await WriteAsync(context, 200, $$"""{"jsonrpc":"2.0","id":{{id}},"result":{{result}}}""").ConfigureAwait(false);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var actual && actual != seen)
        {
            seen = actual;
        }
    }

    private static EmitterSyncResult EmitterTestSync(ulong height) => Testing.Receipts.EmitterTestReceipts.Sync(height);

    private ReceiptBatchResult Submit(ReceiptBatchParams batch)
    {
        var txHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var verdicts = new List<ReceiptVerdict>();
        lock (_gate)
        {
            foreach (var wire in batch.Receipts)
            {
                var bytes = Convert.FromBase64String(wire);
                var reader = new CanonicalReader(bytes);
                var receiptId = MarketReceipt.Read(ref reader).ReceiptId.ToString();
                _sent.AddOrUpdate(receiptId, 1, (_, n) => n + 1);
                if (_includedAt.TryGetValue(receiptId, out var at))
                {
                    verdicts.Add(new ReceiptVerdict(receiptId, ReceiptVerdict.Included, null, at, null, null));
                }
                else if (_mempool.TryGetValue(receiptId, out var waiting))
                {
                    verdicts.Add(new ReceiptVerdict(receiptId, ReceiptVerdict.Admitted, waiting, null, null, null));
                }
                else
                {
                    _mempool[receiptId] = txHash;
                    _txReceipts.TryAdd(txHash, []);
                    _txReceipts[txHash].Add(receiptId);
                    verdicts.Add(new ReceiptVerdict(receiptId, ReceiptVerdict.Admitted, txHash, null, null, null));
                }
            }

            return new ReceiptBatchResult(_height, verdicts);
        }
    }

    private TransactionStatus Status(string txHash)
    {
        lock (_gate)
        {
            if (_committedTx.TryGetValue(txHash, out var height))
            {
                return new TransactionStatus(txHash, TransactionStatuses.Committed, height, 0, null, null, null, null, [BatchEvent(_txReceipts.GetValueOrDefault(txHash) ?? [])]);
            }

            return _mempool.ContainsValue(txHash)
                ? new TransactionStatus(txHash, TransactionStatuses.Pending, null, null, null, null, null, null)
                : new TransactionStatus(txHash, TransactionStatuses.Unknown, null, null, null, null, null, null);
        }
    }

    /// <summary>The batch's <c>market_receipts_included</c> event as the node's <c>tx.status</c> shows it: an outcome per receipt, in batch order.</summary>
    private TransactionEvent BatchEvent(List<string> receiptIds)
    {
        var outcomes = receiptIds
            .Select((id, position) => RefusedInBlock.TryGetValue(id, out var reason)
                ? new ReceiptOutcomeView(position, ReceiptOutcomeView.RefusedStatus, null, null, reason)
                : new ReceiptOutcomeView(position, ReceiptOutcomeView.PaidStatus, 10, 0, null))
            .ToList();
        var paid = (ulong)outcomes.Count(o => o.Status == ReceiptOutcomeView.PaidStatus);
        var view = new ReceiptBatchView(paid, (ulong)outcomes.Count - paid, outcomes);
        return new TransactionEvent(MarketReceiptsIncluded.EventName, "receipts included", JsonSerializer.SerializeToElement(view, ReceiptsJsonContext.Default.ReceiptBatchView));
    }

    private static string Error(string id, int code, string message, string reason) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"data\":{\"reason\":\"" + reason + "\"}}}";

    private static async Task WriteAsync(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}
