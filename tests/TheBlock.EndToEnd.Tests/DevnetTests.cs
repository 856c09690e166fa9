using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Storage;

namespace TheBlock.EndToEnd.Tests;

/// <summary>The newcomer's path: start the devnet, watch it work with contract-cli, kill it, restart it.</summary>
public sealed partial class DevnetTests
{
    [Fact]
    public async Task Devnet_produces_blocks_and_node_status_has_the_runbook_fields()
    {
        await using var devnet = await DevnetProcess.StartAsync();
        var first = await devnet.CliJson("node", "status");
        foreach (var field in new[] { "node_id", "chain_id", "version", "current_block_height", "current_epoch", "epoch_length", "last_block_at", "last_block_hash", "state_root", "roles" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"node status lacks {field}: {first}");
        }

        Assert.Equal("devnet", first.GetProperty("chain_id").GetString());
        var height = first.GetProperty("current_block_height").GetUInt64();
        await devnet.WaitForHeightAsync(height + 5);

        var consensus = await devnet.CliJson("node", "consensus", "--status");
        Assert.Equal("single_validator", consensus.GetProperty("mode").GetString());
        Assert.True(consensus.GetProperty("healthy").GetBoolean(), consensus.ToString());
        Assert.Equal(0, consensus.GetProperty("stalled_for_seconds").GetInt64());
    }

    [Fact]
    public async Task Treasury_grows_from_block_reward_accruals()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator");
        var before = await devnet.CliJson("node", "ledger", "inspect", "--account", "treasury");
        await devnet.WaitForHeightAsync(before.GetProperty("recent_entries")[0].GetProperty("height").GetUInt64() + 3);
        var after = await devnet.CliJson("node", "ledger", "inspect", "--account", "treasury");

        Assert.True(after.GetProperty("balance").GetUInt64() > before.GetProperty("balance").GetUInt64(), $"{before}\n{after}");
        Assert.Equal("treasury_accrual", after.GetProperty("recent_entries")[0].GetProperty("kind").GetString());
        Assert.Equal("ct", after.GetProperty("recent_entries")[0].GetProperty("sub_ledger").GetString());
        Assert.Equal(after.GetProperty("balance").GetUInt64(), after.GetProperty("sub_ledgers").GetProperty("ct").GetUInt64() + after.GetProperty("sub_ledgers").GetProperty("it").GetUInt64());
    }

    [Fact]
    public async Task A_transfer_between_dev_accounts_lands_exactly_and_the_ledger_is_conserved()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator");
        var recipientKey = Path.Combine(devnet.Root, "recipient.key");
        var recipient = (await devnet.CliJson("keys", "generate", "--out", recipientKey)).GetProperty("address").GetString()!;
        var sender = (await devnet.CliJson("keys", "address")).GetProperty("address").GetString()!;
        var senderBefore = (await devnet.CliJson("node", "ledger", "inspect", "--account", sender)).GetProperty("balance").GetUInt64();

        var committed = await devnet.CliJson("tx", "transfer", "--to", recipient, "--amount", "12345");

        Assert.Equal("committed", committed.GetProperty("status").GetString());
        var recipientAfter = await devnet.CliJson("node", "ledger", "inspect", "--account", recipient);
        Assert.Equal(12345UL, recipientAfter.GetProperty("balance").GetUInt64());
        Assert.Equal("transfer_in", recipientAfter.GetProperty("recent_entries")[0].GetProperty("kind").GetString());
        var senderAfter = await devnet.CliJson("node", "ledger", "inspect", "--account", sender);
        Assert.Equal(senderBefore - 12345, senderAfter.GetProperty("balance").GetUInt64());
        Assert.Equal(1UL, senderAfter.GetProperty("nonce").GetUInt64());

        var txStatus = await devnet.CliJson("tx", "status", "--hash", committed.GetProperty("tx_hash").GetString()!);
        var block = await devnet.CliJson("block", "show", "--height", txStatus.GetProperty("block_height").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(block.GetProperty("transactions").EnumerateArray(), t => t.GetProperty("hash").GetString() == committed.GetProperty("tx_hash").GetString());

        Assert.Equal(0, await devnet.StopAsync());
        using var database = ChainDatabase.Open(devnet.DatabasePath);
        var genesis = GenesisFile.Parse(database.GenesisJson);
        // LoadState recomputes the state root from every stored row and sums every balance against the supply.
        var state = TestGenesis.Load(database, genesis);
        Assert.Equal(state.Supply.Genesis + (state.Height * genesis.Parameters.BlockReward), state.Supply.Expected);
    }

    [Fact]
    public async Task After_kill_9_the_devnet_resumes_at_or_above_the_height_it_reached()
    {
        await using var devnet = await DevnetProcess.StartAsync();
        await devnet.WaitForHeightAsync(10);
        var reached = await devnet.HeightAsync();
        await devnet.KillAsync();

        await devnet.RestartAsync();
        var resumed = await devnet.HeightAsync();
        Assert.True(resumed >= reached, $"resumed at {resumed}, had reached {reached}");
        await devnet.WaitForHeightAsync(resumed + 3);
    }

    [Fact]
    public async Task Metrics_endpoint_exposes_block_height_total_and_node_log_lines_follow_the_format()
    {
        await using var devnet = await DevnetProcess.StartAsync();
        await devnet.WaitForHeightAsync(3);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(devnet.MetricsUrl);
        var total = BlockHeightTotal().Match(metrics);
        Assert.True(total.Success, metrics);
        Assert.True(double.Parse(total.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 3);
        foreach (var name in new[] { "block_height ", "chain_epoch ", "block_production_seconds_bucket", "rpc_request_duration_seconds_bucket", "rpc_requests_total", "mempool_transactions ", "node_consensus_healthy 1", "the_block_build_info", "process_cpu_seconds_total" })
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }

        await Wait.UntilAsync(
            () => Task.FromResult(File.Exists(devnet.NodeLog) && DevnetProcess.ReadShared(devnet.NodeLog).Contains("BlockCommitted", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            "BlockCommitted in node.log",
            devnet.Diagnostics);
        var lines = DevnetProcess.ReadShared(devnet.NodeLog).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(LogLine(), line));
        Assert.Contains(lines, line => CommittedLine().IsMatch(line));
    }

    [GeneratedRegex(@"(?m)^block_height_total (\d+(\.\d+)?)")]
    private static partial Regex BlockHeightTotal();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARN|ERROR) \S+ [A-Z][A-Za-z]+( |$)")]
    private static partial Regex LogLine();

    [GeneratedRegex(@" INFO chain BlockCommitted height=\d+ txs=\d+ ")]
    private static partial Regex CommittedLine();
}
