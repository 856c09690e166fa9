using TheBlock.Client;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Crypto;
using TheBlock.Storage;

namespace TheBlock.EndToEnd.Tests;

/// <summary>The production path: `the-block init` from a genesis file, then `the-block node --config`, as systemd runs it.</summary>
public sealed class NodeRoleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("theblock-node-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_node_initialised_from_a_genesis_file_runs_from_its_config_file()
    {
        var dataDir = Path.Combine(_root, "data");
        var keyFile = Path.Combine(_root, "validator.key");
        var seed = KeyFile.Generate(keyFile);
        using var validator = SigningKey.FromSeed(seed);
        var genesisFile = Path.Combine(_root, "genesis.json");
        var genesis = TestGenesis.ForValidator("testnet-e2e", validator);
        await File.WriteAllBytesAsync(genesisFile, GenesisFile.Serialize(genesis));

        var init = await DotnetProcess.RunAsync(Executables.Server, ["init", "--data-dir", dataDir, "--genesis", genesisFile, "--validator-key", keyFile]);
        Assert.True(init.ExitCode == 0, init.ToString());

        var rpcPort = FreePort.Next();
        var configFile = Path.Combine(_root, "node.json");
        await File.WriteAllTextAsync(configFile, $$"""
            { "Node": { "DataDir": "{{dataDir}}", "NodeId": "node_a", "RpcListen": "127.0.0.1:{{rpcPort}}", "MetricsListen": "127.0.0.1:{{FreePort.Next()}}" } }
            """);
        using var node = DotnetProcess.Start(Executables.Server, ["node", "--config", configFile]);
        try
        {
            var status = await Wait.UntilAsync(
                async () =>
                {
                    var result = await DotnetProcess.RunAsync(Executables.Cli, ["--rpc", $"http://127.0.0.1:{rpcPort}/rpc", "node", "status"]);
                    return result.ExitCode == 0 ? result.Stdout : null;
                },
                TimeSpan.FromSeconds(60),
                "the node to answer");
            Assert.Contains("\"node_id\": \"node_a\"", status, StringComparison.Ordinal);
            Assert.Contains("\"chain_id\": \"testnet-e2e\"", status, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dataDir, "logs", "node.log")));
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task An_unknown_configuration_key_stops_start_up_with_one_line_naming_it()
    {
        var configFile = Path.Combine(_root, "node.json");
        await File.WriteAllTextAsync(configFile, """{ "Node": { "DataDir": "/nonexistent", "BlockIntervalMillis": 5 } }""");

        var result = await DotnetProcess.RunAsync(Executables.Server, ["node", "--config", configFile]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BlockIntervalMillis", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_node_without_a_chain_says_how_to_create_one()
    {
        var result = await DotnetProcess.RunAsync(Executables.Server, ["node", "--data-dir", Path.Combine(_root, "empty")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the-block init", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_refuses_a_genesis_with_problems_and_lists_them()
    {
        var genesisFile = Path.Combine(_root, "bad-genesis.json");
        await File.WriteAllTextAsync(genesisFile, """{ "chain_id": "x", "treasury_percent": 150, "epoch_length": 0, "validators": [] }""");
        var keyFile = Path.Combine(_root, "v.key");
        KeyFile.Generate(keyFile);

        var result = await DotnetProcess.RunAsync(Executables.Server, ["init", "--data-dir", Path.Combine(_root, "d"), "--genesis", genesisFile, "--validator-key", keyFile]);

        Assert.Equal(1, result.ExitCode);
        foreach (var problem in new[] { "treasury_percent", "epoch_length", "validators" })
        {
            Assert.Contains(problem, result.Stderr, StringComparison.Ordinal);
        }
    }
}
