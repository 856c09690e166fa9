using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// Reads never wait on the block commit: with the producer held inside its commit (debug.fault.set commit_hold, as a
/// stalled fsync would hold it), node.status and a metrics scrape still answer at once, from the last committed block.
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

        await rpc.CallAsync("debug.fault.set", """{"fault":"commit_hold","active":true}""", token);
        await Wait.UntilAsync(
            () => Task.FromResult(DevnetProcess.ReadShared(devnet.NodeLog).Contains(" chain BlockCommitHeld ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the producer to enter the held commit",
            devnet.Diagnostics);

        using var http = new HttpClient { Timeout = ReadDeadline };
        using var statusRequest = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"node.status","params":{}}""", System.Text.Encoding.UTF8, "application/json");
        using var statusResponse = await http.PostAsync(devnet.RpcUrl, statusRequest);
        using var status = JsonDocument.Parse(await statusResponse.Content.ReadAsStringAsync());
        var heldAt = status.RootElement.GetProperty("result").GetProperty("current_block_height").GetUInt64();
        var scrape = await http.GetStringAsync(devnet.MetricsUrl);
        Assert.Contains($"\nblock_height {heldAt}\n", scrape, StringComparison.Ordinal);

        await rpc.CallAsync("debug.fault.set", """{"fault":"commit_hold","active":false}""", token);
        await devnet.WaitForHeightAsync(heldAt + 2);
    }
}
