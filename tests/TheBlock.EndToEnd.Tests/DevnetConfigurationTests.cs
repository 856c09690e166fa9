using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>The devnet takes --config and THEBLOCK__Node__* like every role, with its own values as defaults.</summary>
public sealed class DevnetConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("theblock-devnet-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Devnet_ignored_its_config_file_and_THEBLOCK_Node_environment_overrides()
    {
        var config = await WriteConfigAsync("""{ "Node": { "NodeId": "from-config", "MaxBatchSize": 3, "RateLimitPerSecond": 5000 } }""");
        var environment = new Dictionary<string, string> { ["THEBLOCK__Node__NodeId"] = "from-env" };
        await using var devnet = await DevnetProcess.StartAsync(_ => { }, environment, "--no-simulator", "--config", config);

        var status = await devnet.CliJson("node", "status");
        Assert.Equal("from-env", status.GetProperty("node_id").GetString());

        using var rpc = new RawRpc(devnet.RpcUrl);
        var call = """{"jsonrpc":"2.0","id":1,"method":"node.status","params":{}}""";
        var (_, refused) = await rpc.PostAsync($"[{call},{call},{call},{call}]");
        Assert.Equal("batch_too_large", RawRpc.Error(refused!.Value).Reason);
        var (_, accepted) = await rpc.PostAsync($"[{call},{call},{call}]");
        Assert.Equal(3, accepted!.Value.GetArrayLength());
    }

    [Fact]
    public async Task Devnet_flags_win_over_its_config_file()
    {
        var config = await WriteConfigAsync("""{ "Node": { "NodeId": "from-config", "RpcListen": "127.0.0.1:1" } }""");
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--config", config);

        // The fixture passes --rpc-listen, so the config's unusable port 1 must not be the one listening.
        var status = await devnet.CliJson("node", "status");
        Assert.Equal("from-config", status.GetProperty("node_id").GetString());
    }

    [Theory]
    [InlineData("""{ "Node": { "RateLimitPerSecnd": 5 } }""", null, "RateLimitPerSecnd")]
    [InlineData(null, "THEBLOCK__Node__MaxBatchSise", "MaxBatchSise")]
    [InlineData("""{ "Node": { "MaxBatchSize": 0 } }""", null, "Node:MaxBatchSize")]
    public async Task Devnet_refuses_an_unknown_or_invalid_key_with_one_line_naming_it(string? configJson, string? variable, string named)
    {
        var args = new List<string>
        {
            "--no-simulator", "--rpc-listen", $"127.0.0.1:{FreePort.Next()}", "--metrics-listen", $"127.0.0.1:{FreePort.Next()}",
            "--oracle-listen", $"127.0.0.1:{FreePort.Next()}", "--oracle-metrics-listen", $"127.0.0.1:{FreePort.Next()}",
        };
        if (configJson is not null)
        {
            args.AddRange(["--config", await WriteConfigAsync(configJson)]);
        }

        var environment = variable is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [variable] = "7" };
        var result = await DevnetProcess.RunToExitAsync(environment, [.. args]);

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("the-block: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devnet_refuses_a_config_file_that_does_not_exist()
    {
        var missing = Path.Combine(_root, "missing.json");
        var result = await DevnetProcess.RunToExitAsync(new Dictionary<string, string>(), "--no-simulator", "--config", missing);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> WriteConfigAsync(string json)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }
}
