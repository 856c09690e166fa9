using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// A halted chain is visible to systemd and monitoring: the process exits non-zero (so <c>Restart=on-failure</c>
/// restarts it) with <c>ChainHalted</c> and its cause in node.log. Faults are injected into the real process
/// (devnet --allow-fault-injection, debug.fault.set with the admin token).
/// </summary>
public sealed partial class ChainHaltTests
{
    [Fact]
    public async Task A_block_production_failure_makes_the_process_exit_non_zero_with_ChainHalted_in_the_log()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--allow-fault-injection");
        using var rpc = new RawRpc(devnet.RpcUrl);

        var set = await rpc.CallAsync("debug.fault.set", """{"fault":"block_production","active":true}""", AdminToken(devnet));
        Assert.True(set.GetProperty("result").GetProperty("active").GetBoolean(), set.ToString());
        var exitCode = await devnet.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode != 0, $"the halted devnet exited with 0\n{devnet.Diagnostics()}");
        var log = DevnetProcess.ReadShared(devnet.NodeLog);
        Assert.Matches(ChainHaltedLine(), log);
        Assert.Contains("the-block: chain halted", devnet.Output, StringComparison.Ordinal);
    }

    private static string AdminToken(DevnetProcess devnet) =>
        File.ReadAllText(Path.Combine(devnet.Home, ".config", "the-block", "token")).Trim();

    [GeneratedRegex(@" ERROR chain ChainHalted height=\d+ cause=unexpected_error error=""?injected block production failure", RegexOptions.Multiline)]
    private static partial Regex ChainHaltedLine();
}
