using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Energy;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// A node killed with SIGKILL again and again while its blocks settle hundreds of credits settles each exactly once:
/// every credit ends settled with its own receipt, and the ledger moved exactly the credits' payments, fees and owners'
/// parts (a block's settlement commits with the block, or not at all).
/// </summary>
public sealed class SettlementCrashTests
{
    private const int Meters = 4;
    private const int ReadingsPerMeter = 100;

    [Fact]
    public async Task A_node_killed_repeatedly_mid_settlement_settles_each_credit_exactly_once()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--module-param", "energy.dispute_window_blocks=30");
        using var driver = new EnergyDriver(devnet);
        var meters = Enumerable.Range(1, Meters).Select(i => $"meter_{i:000}").ToArray();
        await driver.DepositAsync(10_000_000);
        await driver.RegisterAsync("provider_crash", pricePerKwh: 7, meters: meters);
        var height = (await driver.Rpc.CallAsync(Client.Core.CoreRpc.NodeStatus, Client.Rpc.NoParams.Value)).CurrentBlockHeight;
        await Wait.UntilAsync(async () => (await driver.Rpc.CallAsync(OracleRpc.Status, Client.Rpc.NoParams.Value)).LastSyncHeight >= height, EnergyDriver.Timeout, "the oracle to sync keys");
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 150;
        for (var i = 1UL; i <= ReadingsPerMeter; i += 10)
        {
            var batch = meters.SelectMany(meter => Enumerable.Range(0, 10).Select(k => driver.Reading("provider_crash", meter, (i + (ulong)k) * 3, timestamp: start + i + (ulong)k, nonce: i + (ulong)k))).ToList();
            var (_, answers) = await driver.PostAsync(devnet.OracleUrl, EnergyDriver.Json(batch));
            Assert.All(answers.GetProperty("results").EnumerateArray(), a => Assert.Equal(ReadingAnswer.Accepted, a.GetProperty("status").GetString()));
        }

        var expected = Meters * (ReadingsPerMeter - 1);
        for (var kill = 0; kill < 6; kill++)
        {
            await Task.Delay(400 + (kill * 150));
            await devnet.KillAsync();
            await devnet.RestartAsync();
        }

        List<CreditView> credits = [];
        await Wait.UntilAsync(
            async () => (credits = await driver.CreditsAsync("provider_crash")).Count == expected && credits.All(c => c.Status == "settled"),
            TimeSpan.FromSeconds(90),
            $"all {expected} credits to settle",
            devnet.Diagnostics);

        Assert.Equal(expected, credits.Select(c => c.ReceiptId).Distinct().Count());
        Assert.All(credits, c => Assert.Equal(c.AmountKwh * 7, c.Payment));
        var payments = credits.Aggregate(0L, (sum, c) => sum + (long)c.Payment!.Value);
        var fees = credits.Aggregate(0L, (sum, c) => sum + (long)c.Fee!.Value);
        var heights = credits.Select(c => $"energy-settlement-{c.SettledHeight}").ToHashSet();
        var escrow = (await driver.LedgerAsync(EnergyModule.EscrowAccount, 1_000)).RecentEntries.Where(e => heights.Contains(e.Reference!)).Sum(e => e.Delta);
        var owner = (await driver.LedgerAsync(driver.Owner.Address.ToString(), 1_000)).RecentEntries.Where(e => heights.Contains(e.Reference!) && e.Kind == "energy_settlement_received").Sum(e => e.Delta);
        var treasury = (await driver.LedgerAsync("treasury", 1_000)).RecentEntries.Where(e => heights.Contains(e.Reference!) && e.Kind == "energy_settlement_fee").Sum(e => e.Delta);
        Assert.Equal(-payments, escrow);
        Assert.Equal(fees, treasury);
        Assert.Equal(payments - fees, owner);
    }
}
