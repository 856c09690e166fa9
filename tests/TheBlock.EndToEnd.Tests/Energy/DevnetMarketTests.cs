using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// Defect: the devnet's simulated offtaker never funded its escrow (its first deposit waited on an overflowed tick
/// count), so a fresh devnet's credits piled up pending and never settled. A fresh devnet shows a live market:
/// funded escrow, settlements, and the simulator's occasional forged reading refused.
/// </summary>
public sealed class DevnetMarketTests
{
    [Fact]
    public async Task A_fresh_devnets_simulated_market_funds_its_escrow_and_settles_credits()
    {
        await using var devnet = await DevnetProcess.StartAsync();

        await Wait.UntilAsync(
            async () => (await devnet.CliJson("energy", "market")).GetProperty("summary").GetProperty("settled_kwh").GetUInt64() > 0,
            TimeSpan.FromSeconds(60),
            "the simulated market to settle a credit",
            devnet.Diagnostics);

        var providers = (await devnet.CliJson("energy", "market")).GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal(3, providers.Count);
        Assert.Contains(providers, p => p.GetProperty("last_settlement").ValueKind == System.Text.Json.JsonValueKind.Number);
    }
}
