using System.Text.Json;
using System.Text.Json.Nodes;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Runbook Path A, "Dependency Issue": a rolled-back dependency takes its queued dependents with it in the same block
/// (treasury.cascade_rollback on, the default); with cascade off they stay queued, never paid, until the operator
/// runs Path A's rollback loop.
/// </summary>
public sealed class TreasuryDependencyTests
{
    [Fact]
    public async Task A_rolled_back_dependency_rolls_its_queued_dependents_back_in_the_same_block()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync();
        using var driver = new TreasuryDriver(devnet);
        var destination = (await driver.NewKeyAsync("grantee")).Address;
        var (dependency, dependent, second) = await CreateChainAsync(driver, destination, secondLevel: true);

        await driver.WaitForStateAsync(dependency, "timelocked");
        await driver.WaitForStateAsync(dependent, "queued");
        await driver.WaitForStateAsync(second!.Value, "queued");
        await AssertBlockedAsync(driver);

        // Watch the pair while the operator rolls the dependency back: the first answer that shows the dependency rolled
        // back must show its dependents rolled back too (read after it, so a later block could only make them look later).
        using var stop = new CancellationTokenSource(TreasuryDriver.Timeout);
        var watch = WatchUntilRolledBackAsync(driver, dependency, [dependent, second.Value], stop.Token);
        var rolledBack = await devnet.CliJson("gov", "treasury", "rollback", "--id", TreasuryDriver.Text(dependency), "--reason", "Vendor contract cancelled");
        var firstSight = await watch;

        Assert.Equal("rolled_back", TreasuryDriver.State(rolledBack));
        Assert.Equal("Vendor contract cancelled", rolledBack.GetProperty("status").GetProperty("reason").GetString());
        Assert.All(firstSight, d => Assert.True(TreasuryDriver.State(d) == "rolled_back", $"a dependent was still live when its dependency was already rolled back: {d}"));
        var dependentNow = await driver.ShowAsync(dependent);
        var secondNow = await driver.ShowAsync(second.Value);
        Assert.Equal($"Dependency {dependency} was rolled back", dependentNow.GetProperty("status").GetProperty("reason").GetString());
        Assert.Equal($"Dependency {dependent} was rolled back", secondNow.GetProperty("status").GetProperty("reason").GetString());
        foreach (var cascaded in new[] { dependentNow, secondNow })
        {
            // Rolled back by the end-of-block step of the block that holds the rollback transaction.
            Assert.Equal(JsonValueKind.Null, cascaded.GetProperty("status").GetProperty("tx_hash").ValueKind);
            Assert.Equal(rolledBack.GetProperty("status").GetProperty("since").GetInt64(), cascaded.GetProperty("status").GetProperty("rolled_back_at").GetInt64());
            Assert.Equal(JsonValueKind.Null, cascaded.GetProperty("status").GetProperty("executed_at").ValueKind);
        }

        // The runbook's Path A loop now finds the dependency rolled back, and its own rollback is refused: already final.
        var result = await RunbookShell.RunAsync(devnet, TreasuryRunbook.ForDevnet(TreasuryRunbook.PathADependencyIssue, devnet, dependent));
        Assert.Contains($"Dependency {dependency}: rolled_back", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗ Dependency failed. Cancelling dependent...", result.Stdout, StringComparison.Ordinal);
        using (var error = JsonDocument.Parse(result.Stderr))
        {
            Assert.Equal("already_final", error.RootElement.GetProperty("error").GetProperty("reason").GetString());
        }

        Assert.Equal($"Dependency {dependency} was rolled back", (await driver.ShowAsync(dependent)).GetProperty("status").GetProperty("reason").GetString());
        Assert.Equal(0UL, (await driver.BalanceAsync()).GetProperty("escrow_ct").GetUInt64());
    }

    [Fact]
    public async Task Without_cascade_the_dependent_stays_queued_unpaid_until_Path_A_rolls_it_back()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync("--no-cascade-rollback");
        using var driver = new TreasuryDriver(devnet);
        var destination = (await driver.NewKeyAsync("grantee")).Address;
        var (dependency, dependent, _) = await CreateChainAsync(driver, destination, secondLevel: false);
        await driver.WaitForStateAsync(dependency, "timelocked");
        await driver.WaitForStateAsync(dependent, "queued");

        var rolledBack = await devnet.CliJson("gov", "treasury", "rollback", "--id", TreasuryDriver.Text(dependency), "--reason", "Vendor contract cancelled");
        Assert.Equal("rolled_back", TreasuryDriver.State(rolledBack));

        // The executor keeps ticking and the dependent stays in its queue: queued, never paid, not counted as matured.
        await driver.WaitForBlocksAsync(20);
        var stuck = await driver.ShowAsync(dependent);
        Assert.Equal("queued", TreasuryDriver.State(stuck));
        Assert.Equal(JsonValueKind.Null, stuck.GetProperty("status").GetProperty("executed_at").ValueKind);
        await AssertBlockedAsync(driver);
        var metrics = await driver.MetricsAsync();
        Assert.Equal(1, TreasuryDriver.Metric(metrics, "treasury_disbursement_backlog"));
        Assert.Equal(0, TreasuryDriver.Metric(metrics, "treasury_executor_pending_matured"));

        var result = await RunbookShell.RunAsync(devnet, TreasuryRunbook.ForDevnet(TreasuryRunbook.PathADependencyIssue, devnet, dependent));

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        Assert.Contains($"Dependency {dependency}: rolled_back", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  ✗ Dependency failed. Cancelling dependent...", result.Stdout, StringComparison.Ordinal);
        var cancelled = await driver.ShowAsync(dependent);
        Assert.Equal("rolled_back", TreasuryDriver.State(cancelled));
        Assert.Equal($"Dependency {dependency} was rolled back", cancelled.GetProperty("status").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.String, cancelled.GetProperty("status").GetProperty("tx_hash").ValueKind);
        Assert.Equal(0UL, (await driver.ListAsync("queued")).GetProperty("total").GetUInt64());
        Assert.Equal(0UL, (await driver.InspectAsync(destination)).GetProperty("balance").GetUInt64());
        Assert.Equal(0UL, (await driver.BalanceAsync()).GetProperty("escrow_ct").GetUInt64());
    }

    /// <summary>
    /// An approved dependency that waits in timelocked (its scheduled epoch is far away), an approved dependent queued
    /// behind it, and optionally a second level queued behind the dependent.
    /// </summary>
    private static async Task<(ulong Dependency, ulong Dependent, ulong? Second)> CreateChainAsync(TreasuryDriver driver, string destination, bool secondLevel)
    {
        var dependencyProposal = TreasuryDriver.Proposal("Vendor retainer", destination, 5_000);
        dependencyProposal["scheduled_epoch"] = TreasuryDriver.FarEpoch;
        var dependency = await driver.CreateApprovedAsync(dependencyProposal);
        var dependentProposal = TreasuryDriver.Proposal("Vendor milestone 1", destination, 2_000);
        dependentProposal["deps"] = new JsonArray(dependency);
        var dependent = await driver.CreateApprovedAsync(dependentProposal);
        if (!secondLevel)
        {
            return (dependency, dependent, null);
        }

        var secondProposal = TreasuryDriver.Proposal("Vendor milestone 2", destination, 3_000);
        secondProposal["deps"] = new JsonArray(dependent);
        return (dependency, dependent, await driver.CreateApprovedAsync(secondProposal));
    }

    /// <summary>Queued but blocked: once the executor has ticked on a few more blocks, nothing is matured and nothing was paid.</summary>
    private static async Task AssertBlockedAsync(TreasuryDriver driver)
    {
        await driver.WaitForBlocksAsync(3);
        var balance = await driver.BalanceAsync();
        var executor = balance.GetProperty("executor");
        Assert.True(executor.GetProperty("pending_matured").GetInt64() == 0, $"a disbursement blocked on its dependency counts as matured: {executor}");
        Assert.Equal(JsonValueKind.Null, executor.GetProperty("last_error").ValueKind);
        Assert.Equal(0UL, balance.GetProperty("escrow_ct").GetUInt64());
    }

    private static async Task<List<JsonElement>> WatchUntilRolledBackAsync(TreasuryDriver driver, ulong dependency, ulong[] dependents, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TreasuryDriver.State(await driver.ShowAsync(dependency)) == "rolled_back")
            {
                var seen = new List<JsonElement>();
                foreach (var id in dependents)
                {
                    seen.Add(await driver.ShowAsync(id));
                }

                return seen;
            }

            await Task.Delay(5, cancellationToken);
        }
    }
}
