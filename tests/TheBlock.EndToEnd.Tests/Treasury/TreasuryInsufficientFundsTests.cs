using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Runbook Path B, "Insufficient Funds": a disbursement larger than the treasury stays queued with
/// last_error insufficient_funds while smaller ones behind it are paid, until accruals cover it.
/// </summary>
public sealed class TreasuryInsufficientFundsTests
{
    /// <summary>How far the large disbursement should be short when it is queued, in blocks of accruals.</summary>
    private const ulong ShortByBlocks = 60;

    [Fact]
    public async Task A_disbursement_beyond_the_balance_waits_for_accruals_while_smaller_ones_are_paid()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync();
        using var driver = new TreasuryDriver(devnet);
        var largeDestination = (await driver.NewKeyAsync("large")).Address;
        var smallDestination = (await driver.NewKeyAsync("small")).Address;

        // Both are queued in the same block, at the first block of epoch `due` (two blocks an epoch): late enough for the
        // CLI to create and approve them. The treasury grows 250 CT a block, so ask for what it will hold then, and 60
        // blocks of accruals more.
        var status = await driver.CallAsync("node.status");
        var balance = (await driver.BalanceAsync()).GetProperty("balance_ct").GetUInt64();
        var due = status.GetProperty("current_epoch").GetUInt64() + (ulong)TreasuryDriver.VoteWindowEpochs + 15;
        var queuedAtHeight = due * ulong.Parse(TreasuryDriver.EpochLength, System.Globalization.CultureInfo.InvariantCulture);
        var largeAmount = balance + (TreasuryDriver.AccrualPerBlock * (queuedAtHeight - status.GetProperty("current_block_height").GetUInt64() + ShortByBlocks));
        const ulong SmallAmount = 1_000;
        var largeProposal = TreasuryDriver.Proposal("Large grant", largeDestination, largeAmount);
        largeProposal["scheduled_epoch"] = due;
        var smallProposal = TreasuryDriver.Proposal("Small grant", smallDestination, SmallAmount);
        smallProposal["scheduled_epoch"] = due;
        var large = await driver.CreateApprovedAsync(largeProposal);
        var small = await driver.CreateApprovedAsync(smallProposal);

        await driver.WaitForStateAsync(large, "queued");
        var shortBy = (long)largeAmount - (long)(await driver.BalanceAsync()).GetProperty("balance_ct").GetUInt64();
        Assert.True(shortBy > 0, $"test set-up: the large disbursement ({largeAmount} CT) is already covered when it is queued");

        var executor = await driver.WaitForExecutorAsync(e => TreasuryDriver.LastError(e) == "insufficient_funds", "last_error insufficient_funds");
        Assert.Contains($"disbursement {large} ", executor.GetProperty("last_error_detail").GetString(), StringComparison.Ordinal);
        var errorsBefore = TreasuryDriver.Metric(await driver.MetricsAsync(), """treasury_execution_errors_total{reason="insufficient_funds"}""");
        Assert.True(errorsBefore >= 1, $"treasury_execution_errors_total{{reason=\"insufficient_funds\"}} is {errorsBefore}");

        // The small one, behind the large one in the queue, is paid while the large one waits.
        await driver.WaitForStateAsync(small, "executed", "finalized");
        Assert.Equal("queued", TreasuryDriver.State(await driver.ShowAsync(large)));
        // The large one is matured (ready but for the money): Step 1's pending_matured counts it.
        await driver.WaitForExecutorAsync(e => e.GetProperty("pending_matured").GetInt64() == 1 && e.GetProperty("staged").GetInt64() == 0, "pending_matured 1 (the large one), nothing in flight");
        Assert.Equal("queued", TreasuryDriver.State(await driver.ShowAsync(large)));

        // The runbook's Path B and Step 5 see the shortfall.
        var pathB = await RunbookShell.RunAsync(devnet, TreasuryRunbook.PathBInsufficientFunds);
        var step5 = await RunbookShell.RunAsync(devnet, TreasuryRunbook.Step5Balance);
        Assert.Equal("queued", TreasuryDriver.State(await driver.ShowAsync(large)));
        Assert.True(pathB.ExitCode == 0 && pathB.Stderr.Length == 0, pathB.ToString());
        Assert.Contains($"Pending disbursements: {largeAmount} CT", pathB.Stdout, StringComparison.Ordinal);
        Assert.Contains("INSUFFICIENT FUNDS", pathB.Stdout, StringComparison.Ordinal);
        Assert.Equal(TreasuryDriver.Text(largeAmount), step5.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);

        // Every tick that finds it short counts again.
        await Wait.UntilAsync(
            async () => TreasuryDriver.Metric(await driver.MetricsAsync(), """treasury_execution_errors_total{reason="insufficient_funds"}""") > errorsBefore,
            TreasuryDriver.Timeout,
            "treasury_execution_errors_total{reason=\"insufficient_funds\"} to rise",
            devnet.Diagnostics);
        Assert.Equal("queued", TreasuryDriver.State(await driver.ShowAsync(large)));
        await driver.WaitForStateAsync(small, "finalized");
        Assert.Equal(SmallAmount, (await driver.InspectAsync(smallDestination)).GetProperty("balance").GetUInt64());

        // Accruals cover it: paid, and the error clears.
        await driver.WaitForStateAsync(large, "executed", "finalized");
        await driver.WaitForExecutorAsync(e => TreasuryDriver.LastError(e) is null, "last_error to clear");
        await driver.WaitForStateAsync(large, "finalized");
        Assert.Equal(largeAmount, (await driver.InspectAsync(largeDestination)).GetProperty("balance").GetUInt64());
        var after = await RunbookShell.RunAsync(devnet, TreasuryRunbook.PathBInsufficientFunds);
        Assert.Contains("Pending disbursements: 0 CT", after.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("INSUFFICIENT FUNDS", after.Stdout, StringComparison.Ordinal);
    }
}
