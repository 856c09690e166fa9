using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Storage;
using Xunit.Abstractions;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// kill -9 at random moments while blocks are committed every 20 ms under simulated traffic: after every kill the
/// database opens, its recomputed state root matches the head block, no block the node reported is missing, and every
/// committed transaction is found by hash at its place, both before the background indexer catches up and after.
/// </summary>
public sealed class CrashConsistencyTests
{
    private const int Kills = 20;
    private readonly ITestOutputHelper _output;

    public CrashConsistencyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Killing_the_node_at_random_moments_never_loses_a_reported_block_or_corrupts_state()
    {
        await using var devnet = await DevnetProcess.StartAsync("--block-interval-ms", "20");
        using var rpc = new RawRpc(devnet.RpcUrl);
        var random = new Random(20261128);
        ulong previousHead = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var reported = await WatchHeightsUntilKilledAsync(devnet, rpc, TimeSpan.FromMilliseconds(random.Next(200, 1500)));

            using (var database = ChainDatabase.Open(devnet.DatabasePath))
            {
                var state = TestGenesis.Load(database);
                Assert.True(state.Height >= reported, $"kill {kill}: database head {state.Height} is below reported height {reported}");
                Assert.True(state.Height >= previousHead, $"kill {kill}: head went back from {previousHead} to {state.Height}");
                var unindexed = state.Height - (database.Reader.IndexedHeight() ?? 0);
                AssertEveryTransactionIsFound(database, state.Height, $"kill {kill}, right after opening");
                await Wait.UntilAsync(() => Task.FromResult(database.Reader.IndexedHeight() == state.Height), TimeSpan.FromSeconds(60), $"kill {kill}: indexing to reach {state.Height}");
                AssertEveryTransactionIsFound(database, state.Height, $"kill {kill}, once indexed");
                _output.WriteLine($"kill {kill}: reported {reported}, stored head {state.Height}, {unindexed} blocks unindexed at open");
                previousHead = state.Height;
            }

            await devnet.RestartAsync();
        }
    }

    private static void AssertEveryTransactionIsFound(ChainDatabase database, ulong head, string when)
    {
        for (var height = 1UL; height <= head; height++)
        {
            var transactions = database.Reader.GetBlock(height)!.Block.Transactions;
            for (var index = 0; index < transactions.Count; index++)
            {
                var found = database.Reader.FindTransaction(transactions[index].Hash);
                Assert.True(found == new TransactionLocation(height, index), $"{when}: transaction {index} of block {height} found at {found}");
            }
        }
    }

    /// <summary>Polls node.status as fast as it answers, then SIGKILLs the node; returns the highest height it reported.</summary>
    private static async Task<ulong> WatchHeightsUntilKilledAsync(DevnetProcess devnet, RawRpc rpc, TimeSpan runFor)
    {
        ulong highest = 0;
        var deadline = DateTime.UtcNow + runFor;
        while (DateTime.UtcNow < deadline)
        {
            highest = Math.Max(highest, await ReportedHeightAsync(rpc));
        }

        var killed = devnet.KillAsync();
        // A status answered while the kill is in flight was still reported: keep asking until the node is gone. A connection
        // the kill cuts mid-connect can surface as a bare SocketException rather than an HttpRequestException.
        try
        {
            while (!killed.IsCompleted)
            {
                highest = Math.Max(highest, await ReportedHeightAsync(rpc));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
        {
        }

        await killed;
        return highest;
    }

    /// <summary>The height a node.status answer reports; 0 for an error answer (polling this fast trips the rate limit).</summary>
    private static async Task<ulong> ReportedHeightAsync(RawRpc rpc)
    {
        var status = await rpc.CallAsync("node.status");
        return status.TryGetProperty("result", out var result) ? result.GetProperty("current_block_height").GetUInt64() : 0;
    }
}
