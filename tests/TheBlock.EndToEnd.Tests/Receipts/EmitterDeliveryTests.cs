using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Testing;
using TheBlock.Testing.Receipts;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// The emitter's delivery guarantee (spec/receipts.md): <c>accepted</c> means durably queued, so receipts it accepted
/// survive a <c>kill -9</c> whether they were still queued (the node was down) or already submitted in a batch the
/// node had not yet committed; after a restart every one reaches a block exactly once. Runs against a stand-in node on
/// a real socket (<see cref="FakeEmitterNode"/>) until the node's side of the contract is merged.
/// </summary>
public sealed class EmitterDeliveryTests
{
    private const string Token = "emitter-token-for-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_receipt_answered_accepted_reaches_a_block_exactly_once_across_a_kill_9_of_the_emitter()
    {
        using var root = new TempDirectory();
        using var node = new FakeEmitterNode(Token) { Committing = false };
        await using var emitter = new EmitterProcess(root.Path, node.RpcUrl, Token, "--batch-size", "20");
        await emitter.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var accepted = new ConcurrentBag<string>();

        // Submitted before the kill: the node admitted them into its mempool but has not committed a block.
        await SubmitAllAsync(http, emitter.Url, 1, 30, accepted, stopAfter: null);
        await Wait.UntilAsync(() => node.Pending == 30, Timeout, "the node to admit the first 30 receipts", () => emitter.Output);
        await Wait.UntilAsync(
            async () => await StatusAsync(http, emitter.Url, accepted.First()) == ReceiptTracking.Submitted, Timeout, "the emitter to mark them submitted");

        // Queued at the kill: the node is down, so the emitter holds them, accepted and not forwarded.
        node.TakingBatches = false;
        var acceptedWhileDown = new ConcurrentBag<string>();
        await SubmitAllAsync(http, emitter.Url, 31, 150, acceptedWhileDown, stopAfter: 60, onStop: emitter.KillAsync);
        await emitter.KillAsync();
        Assert.InRange(acceptedWhileDown.Count, 60, 120);

        node.TakingBatches = true;
        node.Committing = true;
        await emitter.StartAsync();
        var all = accepted.Concat(acceptedWhileDown).ToHashSet(StringComparer.Ordinal);
        await Wait.UntilAsync(
            () => all.All(node.Paid.ContainsKey), Timeout, $"all {all.Count} accepted receipts to be in blocks", () => $"paid {node.Paid.Count}\n{emitter.Output}");
        await Wait.UntilAsync(async () => await PendingAsync(http, emitter.Url) == 0, Timeout, "the emitter's queue to empty");

        Assert.All(node.Paid, paid => Assert.Equal(1, paid.Value));
        await Wait.UntilAsync(
            () => File.Exists(emitter.Log) && ReadShared(emitter.Log).Contains("ReceiptsResubmitted receipts=", StringComparison.Ordinal),
            Timeout,
            "the restarted emitter to log that it sends its queue again");
        // Every receipt in the queue at the restart: the 30 submitted, those accepted while the node was down, and any
        // the kill cut off after it was committed but before its answer left.
        var resubmitted = System.Text.RegularExpressions.Regex.Match(ReadShared(emitter.Log), @"ReceiptsResubmitted receipts=(\d+) cause=queued_at_start");
        Assert.InRange(int.Parse(resubmitted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 30 + acceptedWhileDown.Count, 150);
        Assert.Equal(ReceiptTracking.Included, await StatusAsync(http, emitter.Url, acceptedWhileDown.First()));
        var metrics = await http.GetStringAsync(emitter.MetricsUrl);
        Assert.Contains("receipt_emitter_pending 0", metrics, StringComparison.Ordinal);
        Assert.Contains("receipt_emitter_batches_total{outcome=\"admitted\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_batches_travel_to_the_node_at_once_and_each_receipt_in_exactly_one_of_them()
    {
        using var root = new TempDirectory();
        using var node = new FakeEmitterNode(Token) { SubmitDelay = TimeSpan.FromMilliseconds(300) };
        await using var emitter = new EmitterProcess(root.Path, node.RpcUrl, Token, "--batch-size", "20", "--batches-in-flight", "3");
        await emitter.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var accepted = new ConcurrentBag<string>();

        await SubmitAllAsync(http, emitter.Url, 1, 200, accepted, stopAfter: null);
        await Wait.UntilAsync(
            () => accepted.All(node.Paid.ContainsKey), Timeout, "all 200 accepted receipts to be in blocks", () => $"paid {node.Paid.Count}\n{emitter.Output}");

        Assert.Equal(200, accepted.Count);
        Assert.InRange(node.MostBatchesAtOnce, 2, 3);
        Assert.All(accepted, id => Assert.Equal(1, node.Sent[id]));
        Assert.All(node.Paid, paid => Assert.Equal(1, paid.Value));
    }

    /// <summary>Posts receipts <paramref name="from"/>..<paramref name="to"/> from 8 submitters; with <paramref name="stopAfter"/>, kills the emitter once that many were accepted.</summary>
    private static async Task SubmitAllAsync(HttpClient http, string url, ulong from, ulong to, ConcurrentBag<string> accepted, int? stopAfter, Func<Task>? onStop = null)
    {
        var next = (long)from - 1;
        var stopped = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref stopped) == 0)
            {
                var nonce = (ulong)Interlocked.Increment(ref next);
                if (nonce > to)
                {
                    return;
                }

                var receipt = EmitterTestReceipts.Storage(nonce);
                try
                {
                    using var content = new StringContent(EmitterTestReceipts.Json(receipt), Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync($"{url}/receipts", content);
                    var answer = (await response.Content.ReadFromJsonAsync(EmitterHttpJsonContext.Default.ReceiptAnswer))!;
                    if (answer.Status == ReceiptAnswer.Accepted)
                    {
                        accepted.Add(answer.ReceiptId!);
                    }
                    else
                    {
                        Assert.Fail($"receipt {nonce} was {answer.Status}: {answer.Reason} {answer.Message}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Killed mid-request: the answer never came, so the submitter was told nothing.
                    return;
                }

                if (stopAfter is { } limit && accepted.Count >= limit && Interlocked.Exchange(ref stopped, 1) == 0)
                {
                    await onStop!();
                }
            }
        })));
    }

    private static async Task<string?> StatusAsync(HttpClient http, string url, string receiptId)
    {
        using var response = await http.GetAsync($"{url}/receipts/{receiptId}");
        return (await response.Content.ReadFromJsonAsync(EmitterHttpJsonContext.Default.ReceiptTracking))!.Status;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<long> PendingAsync(HttpClient http, string url) =>
        (await http.GetFromJsonAsync($"{url}/health", EmitterHttpJsonContext.Default.EmitterHealth))!.Pending;
}
