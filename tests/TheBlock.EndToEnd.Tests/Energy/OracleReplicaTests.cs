using System.Text.Json;
using TheBlock.Client.Energy.Oracle;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// Oracle replicas as separate processes beside a <c>--roles node</c> devnet: two replicas share one node, a flood meets a
/// bounded queue with an explicit busy answer while the node is away, and nothing the oracle tier takes is lost.
/// </summary>
public sealed class OracleReplicaTests
{
    [Fact]
    public async Task Two_replicas_attached_with_devnet_data_dir_both_forward_to_one_node_and_show_healthy()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--roles", "node");
        using var driver = new EnergyDriver(devnet);
        await driver.RegisterAsync("provider_two");
        await using var first = await OracleProcess.StartAsync(devnet, "replica-a");
        await using var second = await OracleProcess.StartAsync(devnet, "replica-b");

        var (_, a) = await driver.PostAsync(first.Url, EnergyDriver.Json(driver.Reading("provider_two", "meter_001", 10)));
        var (_, b) = await driver.PostAsync(second.Url, EnergyDriver.Json(driver.Reading("provider_two", "meter_002", 10)));
        var duplicate = driver.Reading("provider_two", "meter_001", 20);
        var (_, c) = await driver.PostAsync(first.Url, EnergyDriver.Json(duplicate));
        var (_, d) = await driver.PostAsync(second.Url, EnergyDriver.Json(duplicate));

        Assert.Equal(ReadingAnswer.Accepted, a.GetProperty("status").GetString());
        Assert.Equal(ReadingAnswer.Accepted, b.GetProperty("status").GetString());
        Assert.Equal(ReadingAnswer.Accepted, c.GetProperty("status").GetString());
        Assert.Equal("nonce_replay", d.GetProperty("reason").GetString());
        Assert.False(File.Exists(Path.Combine(devnet.DataDir, "logs", "oracle.log")), "a --roles node devnet runs no oracle of its own");
        var status = await devnet.CliJson("energy", "oracle", "keys", "status");
        Assert.Equal(["replica-a", "replica-b"], status.GetProperty("oracles").EnumerateArray().Select(o => o.GetProperty("oracle_id").GetString()));
        Assert.All(status.GetProperty("oracles").EnumerateArray(), o => Assert.True(o.GetProperty("healthy").GetBoolean()));
    }

    [Fact]
    public async Task A_flood_while_the_node_is_away_fills_the_bounded_queue_and_the_rest_is_answered_busy()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--roles", "node");
        using var driver = new EnergyDriver(devnet);
        await driver.RegisterAsync("provider_flood", meters: [.. Enumerable.Range(1, 12).Select(i => $"meter_{i:000}")]);
        await using var oracle = await OracleProcess.StartAsync(devnet, "small-queue", "--queue-capacity", "3", "--batch-size", "1");
        await devnet.KillAsync();

        var posts = Enumerable.Range(1, 12)
            .Select(i => driver.PostAsync(oracle.Url, EnergyDriver.Json(driver.Reading("provider_flood", $"meter_{i:000}", 5))))
            .ToList();
        var answers = await Task.WhenAll(posts);

        var statuses = answers.Select(a => a.Body.GetProperty("status").GetString()).ToList();
        Assert.Contains(ReadingAnswer.Busy, statuses);
        Assert.All(answers.Where(a => a.Body.GetProperty("status").GetString() == ReadingAnswer.Busy), a =>
        {
            Assert.Equal(503, a.Status);
            Assert.Equal(OracleReasons.Busy, a.Body.GetProperty("reason").GetString());
        });
        Assert.DoesNotContain(ReadingAnswer.Accepted, statuses);
        var metrics = await driver.MetricsAsync(oracle.MetricsUrl);
        Assert.True(EnergyDriver.Sample(metrics, "oracle_batches_total{outcome=\"retried\"}") >= 1);
        Assert.True(EnergyDriver.Sample(metrics, "oracle_queue_depth") <= 3);
        await Wait.UntilAsync(
            () => DevnetProcess.ReadShared(oracle.Log).Contains("NodeUnavailable", StringComparison.Ordinal),
            EnergyDriver.Timeout,
            "a NodeUnavailable line in oracle.log");
    }
}
