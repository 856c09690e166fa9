using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// Reads never wait on the block commit: with the producer held inside its commit (debug.fault.set commit_hold: the
/// block is written, the commit has not returned, as a stalled fsync would hold it), node.status and a metrics scrape
/// still answer at once, and every read agrees on the previous block until the node has applied the new one.
/// </summary>
public sealed class ReadsDuringCommitTests
{
    private static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Node_status_and_a_metrics_scrape_do_not_wait_for_a_commit_in_progress()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--allow-fault-injection");
        using var rpc = new RawRpc(devnet.RpcUrl);
        var token = File.ReadAllText(Path.Combine(devnet.Home, ".config", "the-block", "token")).Trim();

        await SetFaultAsync(rpc, token, "commit_hold", active: true);
        await WaitForHeldCommitAsync(devnet);

        using var http = new HttpClient { Timeout = ReadDeadline };
        using var statusRequest = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"node.status","params":{}}""", System.Text.Encoding.UTF8, "application/json");
        using var statusResponse = await http.PostAsync(devnet.RpcUrl, statusRequest);
        using var status = JsonDocument.Parse(await statusResponse.Content.ReadAsStringAsync());
        var heldAt = status.RootElement.GetProperty("result").GetProperty("current_block_height").GetUInt64();
        var scrape = await http.GetStringAsync(devnet.MetricsUrl);
        Assert.Contains($"\nblock_height {heldAt}\n", scrape, StringComparison.Ordinal);

        await SetFaultAsync(rpc, token, "commit_hold", active: false);
        await devnet.WaitForHeightAsync(heldAt + 2);
    }

    [Fact]
    public async Task A_transaction_whose_block_is_written_but_not_yet_applied_is_still_pending()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--allow-fault-injection");
        using var rpc = new RawRpc(devnet.RpcUrl);
        var token = File.ReadAllText(Path.Combine(devnet.Home, ".config", "the-block", "token")).Trim();
        var recipient = TheBlock.Protocol.Primitives.Address.FromPublicKey(new byte[32]).ToString();

        // Keep the transfer in the mempool until the commit is held, so that the held block is the one carrying it.
        await SetFaultAsync(rpc, token, "block_inclusion", active: true);
        var hash = (await devnet.CliJson("tx", "transfer", "--to", recipient, "--amount", "7", "--no-wait")).GetProperty("tx_hash").GetString()!;
        await SetFaultAsync(rpc, token, "commit_hold", active: true);
        await SetFaultAsync(rpc, token, "block_inclusion", active: false);
        await WaitForHeldCommitAsync(devnet);

        var held = await rpc.CallAsync("tx.status", $$"""{"hash":"{{hash}}"}""");
        Assert.Equal("pending", held.GetProperty("result").GetProperty("status").GetString());

        await SetFaultAsync(rpc, token, "commit_hold", active: false);
        await Wait.UntilAsync(
            async () => (await rpc.CallAsync("tx.status", $$"""{"hash":"{{hash}}"}""")).GetProperty("result").GetProperty("status").GetString() == "committed",
            TimeSpan.FromSeconds(30),
            "the transfer to be committed once the commit is released",
            devnet.Diagnostics);
    }

    private static async Task SetFaultAsync(RawRpc rpc, string token, string fault, bool active)
    {
        var response = await rpc.CallAsync("debug.fault.set", $$"""{"fault":"{{fault}}","active":{{(active ? "true" : "false")}}}""", token);
        Assert.Equal(active, response.GetProperty("result").GetProperty("active").GetBoolean());
    }

    private static Task WaitForHeldCommitAsync(DevnetProcess devnet) =>
        Wait.UntilAsync(
            () => Task.FromResult(DevnetProcess.ReadShared(devnet.NodeLog).Contains(" chain BlockCommitHeld ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the producer to enter the held commit",
            devnet.Diagnostics);
}
