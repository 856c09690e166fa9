using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>A drill is refused (exit 2, a reason and a sentence) on a chain that is not a devnet and for a scenario it does not know, before anything that could change a chain is sent.</summary>
public sealed class DrillRefusalTests
{
    private static readonly string[] Scenarios = ["treasury-insufficient-funds", "treasury-dependency-rollback", "executor-ledger-unavailable", "executor-consensus-timeout", "oracle-latency", "bad-signatures", "clock-skew", "disputes-backlog", "market-flatline", "receipt-validation-errors"];

    [Fact]
    public async Task Every_drill_and_its_recovery_is_refused_on_a_chain_that_is_not_a_devnet()
    {
        using var node = new StatusOnlyNode("testnet-e2e");

        foreach (var scenario in Scenarios)
        {
            foreach (var recover in new[] { false, true })
            {
                string[] args = ["--rpc", node.RpcUrl, "dev", "drill", scenario, .. recover ? new[] { "--recover" } : []];
                var result = await DotnetProcess.RunAsync(Executables.Cli, args);

                var error = Error(result);
                Assert.Equal("not_a_devnet", error.GetProperty("reason").GetString());
                Assert.Contains("testnet-e2e", error.GetProperty("message").GetString(), StringComparison.Ordinal);
                Assert.Contains("nothing was changed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.All(node.Methods, method => Assert.Equal("node.status", method));
        Assert.Equal(Scenarios.Length * 2, node.Methods.Count);
    }

    [Fact]
    public async Task An_unknown_scenario_is_refused_with_the_known_ones_before_anything_is_sent()
    {
        using var node = new StatusOnlyNode("devnet");

        var result = await DotnetProcess.RunAsync(Executables.Cli, ["--rpc", node.RpcUrl, "dev", "drill", "disk-full"]);

        var error = Error(result);
        Assert.Equal("unknown_drill", error.GetProperty("reason").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("\"disk-full\"", message, StringComparison.Ordinal);
        Assert.All(Scenarios, scenario => Assert.Contains(scenario, message, StringComparison.Ordinal));
        Assert.Empty(node.Methods);
    }

    [Fact]
    public async Task Oracle_latency_and_its_recovery_are_refused_on_a_devnet_without_fault_injection()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--roles", "node");

        foreach (var args in new[] { new[] { "dev", "drill", "oracle-latency" }, ["dev", "drill", "oracle-latency", "--recover"] })
        {
            var error = Error(await devnet.Cli(args));
            Assert.Equal("fault_injection_disabled", error.GetProperty("reason").GetString());
            Assert.Contains("--allow-fault-injection", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("\"readings_submit_delay\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("nothing was changed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private static JsonElement Error(ProcessResult result)
    {
        Assert.True(result.ExitCode == 2 && result.Stdout.Length == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stderr);
        return document.RootElement.GetProperty("error").Clone();
    }
}
