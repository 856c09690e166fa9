using System.Collections.Concurrent;
using System.Text.Json;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Receipts;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// The emitter's delivery guarantee on a real devnet: a burst of signed receipts posted concurrently to an attached
/// emitter, a <c>kill -9</c> while it still holds accepted receipts no block has, a restart, and then every receipt
/// answered <c>accepted</c> is in a committed block exactly once, the agreement paid exactly their amounts, and nothing
/// the emitter refused is paid.
/// </summary>
public sealed class EmitterCrashTests
{
    private const int Burst = 300;
    private const int Submitters = 8;
    private const int KillAfterAccepted = 150;
    private const int BadSignatureEvery = 25;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_receipt_answered_accepted_is_in_a_block_exactly_once_after_a_kill_9_of_the_attached_emitter()
    {
        // One-second blocks: batches the emitter handed over wait for a block, so the kill finds some submitted, some queued.
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--roles", "node,energy-oracle", "--block-interval-ms", "1000");
        using var driver = new MarketDriver(devnet, "storage_crash_001");
        await driver.SetUpAsync(deposit: 1_000_000);
        await using var emitter = await AttachedEmitterProcess.StartAsync(devnet, "--batch-size", "20");
        using var stranger = TheBlock.Protocol.Crypto.SigningKey.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var accepted = new ConcurrentDictionary<string, ulong>(StringComparer.Ordinal);
        var refused = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var inDoubt = new ConcurrentBag<MarketReceipt>();
        var next = 0L;
        var killed = 0;
        double pendingAtKill = -1;
        var statusesAtKill = new List<string?>();

        await Task.WhenAll(Enumerable.Range(0, Submitters).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref killed) == 0)
            {
                var nonce = (ulong)Interlocked.Increment(ref next);
                if (nonce > Burst)
                {
                    return;
                }

                var receipt = nonce % BadSignatureEvery == 0 ? driver.Receipt(nonce, units: nonce % 5 + 1, key: stranger) : driver.Receipt(nonce, units: nonce % 5 + 1);
                try
                {
                    Record(receipt, await driver.PostAsync(emitter.Url, receipt));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // Killed mid-request: the submitter was told nothing and sends it again once the emitter is back.
                    inDoubt.Add(receipt);
                    return;
                }

                if (accepted.Count >= KillAfterAccepted && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    pendingAtKill = MarketDriver.Sample(await driver.MetricsAsync(emitter.MetricsUrl), "receipt_emitter_pending");
                    foreach (var id in accepted.Keys.Take(40))
                    {
                        statusesAtKill.Add((await driver.TrackingAsync(emitter.Url, id)).GetProperty("status").GetString());
                    }

                    await emitter.KillAsync();
                }
            }
        })));

        Assert.True(pendingAtKill > 0, $"the emitter held no accepted receipt outside a block when it was killed (pending {pendingAtKill})");
        Assert.Contains(statusesAtKill, s => s is ReceiptTracking.Queued or ReceiptTracking.Submitted);

        await emitter.StartProcessAsync();
        foreach (var receipt in inDoubt)
        {
            var answer = await driver.PostAsync(emitter.Url, receipt);
            if (answer.GetProperty("status").GetString() != ReceiptAnswer.Accepted && answer.GetProperty("reason").GetString() == ReceiptReasons.DuplicateDetection)
            {
                // Queued before the kill, its answer lost: it is on its way already, as accepted as the rest.
                accepted[receipt.ReceiptId.ToString()] = receipt.Units * MarketDriver.UnitPrice;
                continue;
            }

            Record(receipt, answer);
        }

        await Wait.UntilAsync(
            async () => (await driver.AgreementAsync()).Receipts >= (ulong)accepted.Count,
            Timeout,
            $"the {accepted.Count} accepted receipts to be paid",
            () => emitter.Output + devnet.Diagnostics());
        await Wait.UntilAsync(
            async () => MarketDriver.Sample(await driver.MetricsAsync(emitter.MetricsUrl), "receipt_emitter_pending") == 0,
            Timeout,
            "the restarted emitter's queue to empty");
        await devnet.WaitForHeightAsync(await devnet.HeightAsync() + 2);

        var listed = await driver.ListedAsync();
        var listedIds = listed.Select(r => r.GetProperty("receipt_id").GetString()!).ToList();
        Assert.Equal(accepted.Count, listed.Count);
        Assert.Equal(listedIds.Count, listedIds.Distinct(StringComparer.Ordinal).Count());
        Assert.True(accepted.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(listedIds), "the committed receipts are not exactly the accepted ones");
        Assert.Empty(refused.Keys.Intersect(listedIds));
        Assert.NotEmpty(refused);
        Assert.All(refused.Values, reason => Assert.Equal(ReceiptReasons.SignatureInvalid, reason));

        var agreement = await driver.AgreementAsync();
        var amounts = listed.Select(r => r.GetProperty("amount").GetUInt64()).ToList();
        Assert.Equal((ulong)accepted.Count, agreement.Receipts);
        Assert.Equal(accepted.Values.Aggregate(0UL, (sum, a) => sum + a), agreement.Paid);
        Assert.Equal(amounts.Aggregate(0UL, (sum, a) => sum + a), agreement.Paid);

        // Each one, as the operator reads it, is in a block once (the RPC `receipts show --id` calls; the CLI for a sample).
        foreach (var id in accepted.Keys)
        {
            var shown = await driver.Rpc.CallAsync(ReceiptsRpc.Show, new ReceiptShowParams(id));
            Assert.Equal(accepted[id], shown.Amount);
            Assert.Equal(driver.AgreementId, shown.AgreementId);
        }

        foreach (var id in accepted.Keys.Take(3))
        {
            var shown = await devnet.CliJson("receipts", "show", "--id", id);
            Assert.Equal(id, shown.GetProperty("receipt_id").GetString());
        }

        void Record(MarketReceipt receipt, JsonElement answer)
        {
            if (answer.GetProperty("status").GetString() == ReceiptAnswer.Accepted)
            {
                Assert.Equal(receipt.ReceiptId.ToString(), answer.GetProperty("receipt_id").GetString());
                accepted[receipt.ReceiptId.ToString()] = receipt.Units * MarketDriver.UnitPrice;
            }
            else
            {
                refused[receipt.ReceiptId.ToString()] = answer.GetProperty("reason").GetString()!;
            }
        }
    }
}
