using System.Text;
using TheBlock.Client;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Crypto;
using TheBlock.Storage;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>Executor settings the chain would refuse stop `the-block node` at start-up, not every lease renewal after it.</summary>
public sealed class TreasuryExecutorConfigTests : IDisposable
{
    private const ulong GenesisMaxLeaseTtlSeconds = 120;

    private readonly string _root = Directory.CreateTempSubdirectory("theblock-executor-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_lease_ttl_above_the_genesis_maximum_stops_start_up_with_one_line_naming_the_key()
    {
        var dataDir = Path.Combine(_root, "data");
        var keyFile = Path.Combine(_root, "validator.key");
        using var validator = SigningKey.FromSeed(KeyFile.Generate(keyFile));
        var genesisFile = Path.Combine(_root, "genesis.json");
        var genesis = TestGenesis.ForValidator("executor-config-e2e", validator);
        genesis = genesis with { Governance = genesis.Governance with { MaxLeaseTtlSeconds = GenesisMaxLeaseTtlSeconds } };
        await File.WriteAllBytesAsync(genesisFile, GenesisFile.Serialize(genesis));
        var init = await DotnetProcess.RunAsync(Executables.Server, ["init", "--data-dir", dataDir, "--genesis", genesisFile, "--validator-key", keyFile]);
        Assert.True(init.ExitCode == 0, init.ToString());
        var configFile = Path.Combine(_root, "node.json");
        await File.WriteAllTextAsync(configFile, $$"""
            { "Node": { "DataDir": "{{dataDir}}", "NodeId": "node_a", "ExecutorLeaseTtlSeconds": 300,
                        "RpcListen": "127.0.0.1:{{FreePort.Next()}}", "MetricsListen": "127.0.0.1:{{FreePort.Next()}}" } }
            """);

        var output = new StringBuilder();
        using var node = DotnetProcess.Start(Executables.Server, ["node", "--config", configFile], onLine: line =>
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await node.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            Assert.Fail($"the node started with a lease ttl the chain refuses; it printed: {output}");
        }

        var printed = output.ToString().Trim();
        Assert.Equal(1, node.ExitCode);
        Assert.Single(printed.Split('\n'));
        Assert.StartsWith("the-block: invalid configuration: Node:ExecutorLeaseTtlSeconds is 300;", printed, StringComparison.Ordinal);
        Assert.Contains($"governance.max_lease_ttl_seconds ({GenesisMaxLeaseTtlSeconds})", printed, StringComparison.Ordinal);
    }
}
