using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// The devnet's simulated council still shows rollbacks now that a lone member below the threshold cannot roll back:
/// dev-2…dev-4 (50 each of 250, 125 needed) all ask, and their requests together roll the disbursement back.
/// </summary>
public sealed class DevnetGovernanceTrafficTests
{
    private const string SimulatedReason = "simulated: proposal withdrawn";

    [Fact]
    public async Task The_simulated_council_rolls_disbursements_back_with_requests_that_reach_the_threshold()
    {
        await using var devnet = await DevnetProcess.StartAsync("--epoch-length", "20");
        using var driver = new TreasuryDriver(devnet);

        var rolledBack = await WaitForSimulatedRollbackAsync(driver);

        var votes = rolledBack.GetProperty("proposal").GetProperty("rollback_votes");
        var (power, needed) = (votes.GetProperty("power").GetUInt64(), votes.GetProperty("needed").GetUInt64());
        Assert.True(power >= needed, $"rolled back with {power} of the {needed} voting power needed: {rolledBack}");
        Assert.Equal(125UL, needed);
        Assert.Equal(3, votes.GetProperty("cast").GetArrayLength());
    }

    private static async Task<JsonElement> WaitForSimulatedRollbackAsync(TreasuryDriver driver)
    {
        var deadline = DateTimeOffset.UtcNow + TreasuryDriver.Timeout;
        while (true)
        {
            var list = await driver.ListAsync("rolled_back");
            foreach (var disbursement in list.GetProperty("disbursements").EnumerateArray())
            {
                if (disbursement.GetProperty("status").GetProperty("reason").GetString() == SimulatedReason)
                {
                    return disbursement;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the simulator rolled nothing back within {TreasuryDriver.Timeout.TotalSeconds:0} s: {list}\n{driver.Devnet.Diagnostics()}");
            await Task.Delay(250);
        }
    }
}
