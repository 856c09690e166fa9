using System.Net.Http.Json;
using System.Text;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Receipts;
using TheBlock.Testing;
using TheBlock.Testing.Receipts;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A receipt the node admitted can still be refused inside the block (its agreement closed meanwhile): the batch's
/// <c>market_receipts_included</c> outcomes in <c>tx.status</c> say so, and the emitter's inclusion tracker must read them
/// rather than take every receipt of a committed batch as included.
/// </summary>
public sealed class EmitterInclusionTests
{
    private const string Token = "emitter-token-for-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_receipt_refused_inside_its_block_is_tracked_as_rejected_counted_and_logged_not_included()
    {
        using var root = new TempDirectory();
        using var node = new FakeEmitterNode(Token);
        var receipts = Enumerable.Range(1, 3).Select(n => EmitterTestReceipts.Storage((ulong)n)).ToList();
        var refused = receipts[1].ReceiptId.ToString();
        node.RefusedInBlock[refused] = ReceiptReasons.AgreementInvalid;
        await using var emitter = new EmitterProcess(root.Path, node.RpcUrl, Token);
        await emitter.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var content = new StringContent("[" + string.Join(',', receipts.Select(EmitterTestReceipts.Json)) + "]", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"{emitter.Url}/receipts", content);
        var answers = (await response.Content.ReadFromJsonAsync(EmitterHttpJsonContext.Default.ReceiptAnswers))!;
        Assert.All(answers.Results, a => Assert.Equal(ReceiptAnswer.Accepted, a.Status));

        var tracked = new Dictionary<string, ReceiptTracking>(StringComparer.Ordinal);
        await Wait.UntilAsync(
            async () =>
            {
                foreach (var receipt in receipts)
                {
                    var id = receipt.ReceiptId.ToString();
                    tracked[id] = (await http.GetFromJsonAsync($"{emitter.Url}/receipts/{id}", EmitterHttpJsonContext.Default.ReceiptTracking))!;
                }

                return tracked.Values.All(t => t.Status is ReceiptTracking.Included or ReceiptTracking.Rejected);
            },
            Timeout,
            "the three receipts' batch to be committed",
            () => emitter.Output);

        Assert.Equal(ReceiptTracking.Rejected, tracked[refused].Status);
        Assert.Equal(ReceiptReasons.AgreementInvalid, tracked[refused].Reason);
        Assert.All(tracked.Where(t => t.Key != refused), t => Assert.Equal(ReceiptTracking.Included, t.Value.Status));
        var metrics = await http.GetStringAsync(emitter.MetricsUrl);
        Assert.Contains("receipt_emitter_node_rejections_total{reason=\"agreement_invalid\"} 1", metrics, StringComparison.Ordinal);
        // Accepted at ingestion is what the validation success ratio counts as passed, whatever the block decides later.
        Assert.Contains("receipt_emitter_accepted_total{market=\"storage\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("receipt_emitter_accepted_total{market=\"compute\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("receipt_emitter_pending 0", metrics, StringComparison.Ordinal);
        await Wait.UntilAsync(
            () => File.Exists(emitter.Log) && ReadShared(emitter.Log).Contains($"ReceiptRejected reason=agreement_invalid stage=node market=storage provider_id={EmitterTestReceipts.ProviderId} nonce=2 receipt_id={refused}", StringComparison.Ordinal),
            Timeout,
            "a ReceiptRejected stage=node line for the refused receipt in receipt-emitter.log");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
