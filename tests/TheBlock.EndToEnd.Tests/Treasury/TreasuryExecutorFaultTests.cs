using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Runbook Path C, "Executor Error", rehearsed with injected faults (devnet --allow-fault-injection): the executor
/// reports the reason the runbook's case statement branches on, logs it where Step 4's grep looks, and pays the
/// disbursement once the node is restarted (faults live in memory only).
/// </summary>
public sealed class TreasuryExecutorFaultTests
{
    private const ulong Amount = 4_321;

    [Fact]
    public async Task Blocks_without_transactions_are_a_consensus_timeout_that_a_restart_clears()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync("--allow-fault-injection");
        using var driver = new TreasuryDriver(devnet);
        var destination = (await driver.NewKeyAsync("grantee")).Address;
        var id = await driver.CreateApprovedAsync(TreasuryDriver.Proposal("Payout under a stalled chain", destination, Amount));

        // The vote is in; from now on blocks carry no transaction, but the lifecycle still queues the disbursement.
        await driver.SetFaultAsync("block_inclusion", active: true);
        await driver.WaitForStateAsync(id, "queued");
        await driver.WaitForExecutorAsync(e => TreasuryDriver.LastError(e) == "consensus_timeout", "last_error consensus_timeout");

        await AssertRunbookSeesAsync(driver, "consensus_timeout", "Consensus stalled. Check: contract-cli node consensus --status", $" ERROR treasury_executor DisbursementError disbursement_id={id} reason=consensus_timeout ");
        Assert.Equal("queued", TreasuryDriver.State(await driver.ShowAsync(id)));
        Assert.Equal(0UL, (await driver.InspectAsync(destination)).GetProperty("balance").GetUInt64());

        await RestartAndAssertPaidAsync(driver, id, destination);
    }

    [Fact]
    public async Task Failing_storage_is_ledger_unavailable_and_a_restart_clears_it()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync("--allow-fault-injection");
        using var driver = new TreasuryDriver(devnet);
        var destination = (await driver.NewKeyAsync("grantee")).Address;

        // Hold the executor back until the disbursement is due, then let it run into the failing storage.
        Assert.True((await devnet.CliJson("gov", "treasury", "executor", "pause")).GetProperty("paused").GetBoolean());
        var id = await driver.CreateApprovedAsync(TreasuryDriver.Proposal("Payout over a failing disk", destination, Amount));
        await driver.WaitForStateAsync(id, "queued");
        await driver.SetFaultAsync("storage", active: true);
        Assert.False((await devnet.CliJson("gov", "treasury", "executor", "resume")).GetProperty("paused").GetBoolean());
        await driver.WaitForExecutorAsync(e => TreasuryDriver.LastError(e) == "ledger_unavailable", "last_error ledger_unavailable");

        await AssertRunbookSeesAsync(driver, "ledger_unavailable", "Ledger connection lost. Check: systemctl status ledger-node", " ERROR treasury_executor DisbursementError disbursement_id=none reason=ledger_unavailable ");
        Assert.NotEmpty(driver.LogLines(new Regex(" ERROR chain BlockCommitFailed ")));
        Assert.Equal("queued", TreasuryDriver.State(await driver.ShowAsync(id)));

        await RestartAndAssertPaidAsync(driver, id, destination);
    }

    /// <summary>Path C's case statement names the error, Step 4's grep finds its log line, and the metric counts it.</summary>
    private static async Task AssertRunbookSeesAsync(TreasuryDriver driver, string reason, string advice, string logLine)
    {
        var devnet = driver.Devnet;
        var pathC = await RunbookShell.RunAsync(devnet, TreasuryRunbook.ForDevnet(TreasuryRunbook.PathCExecutorError, devnet));
        Assert.True(pathC.ExitCode == 0 && pathC.Stderr.Length == 0, pathC.ToString());
        Assert.Equal($"Executor error: {reason}\n{advice}\n", pathC.Stdout);

        var step4 = await RunbookShell.RunAsync(devnet, TreasuryRunbook.ForDevnet(TreasuryRunbook.Step4ExecutorErrors, devnet));
        Assert.True(step4.ExitCode == 0, step4.ToString());
        var lines = step4.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("=== Recent treasury executor errors ===", lines[0]);
        Assert.Contains(lines, line => line.Contains(logLine, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), line => Assert.Matches(" (ERROR|WARN) ", line));

        Assert.True(TreasuryDriver.Metric(await driver.MetricsAsync(), $$"""treasury_execution_errors_total{reason="{{reason}}"}""") >= 1);
    }

    /// <summary>The runbook's restart (SIGTERM, start again): the payout lands, the error clears, the destination is paid exactly.</summary>
    private static async Task RestartAndAssertPaidAsync(TreasuryDriver driver, ulong id, string destination)
    {
        var devnet = driver.Devnet;
        Assert.Equal(0, await devnet.StopAsync());
        await devnet.RestartAsync();

        await driver.WaitForStateAsync(id, "executed", "finalized");
        await driver.WaitForExecutorAsync(e => TreasuryDriver.LastError(e) is null, "last_error to clear after the restart");
        await driver.WaitForStateAsync(id, "finalized");
        Assert.Equal(Amount, (await driver.InspectAsync(destination)).GetProperty("balance").GetUInt64());
        var pathC = await RunbookShell.RunAsync(devnet, TreasuryRunbook.ForDevnet(TreasuryRunbook.PathCExecutorError, devnet));
        Assert.StartsWith("Executor error: null\n", pathC.Stdout, StringComparison.Ordinal);
    }
}
