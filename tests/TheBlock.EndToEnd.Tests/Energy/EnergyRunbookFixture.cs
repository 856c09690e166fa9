using TheBlock.Client.Energy.Oracle;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// A devnet whose energy market is in the state the runbook's "Energy Stalled" section diagnoses: two providers with
/// pending credits (a long dispute window keeps them pending), a forged and a skewed reading in the logs, and three
/// upheld disputes that slashed and suspended <see cref="Flaky"/> (path D). Built once for the runbook tests.
/// </summary>
public sealed class EnergyRunbookFixture : IAsyncLifetime, IDisposable
{
    public const string Healthy = "provider_usa_001";
    public const string Flaky = "provider_eu_002";

    private DevnetProcess? _devnet;
    private EnergyDriver? _driver;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public EnergyDriver Driver => _driver ?? throw new InvalidOperationException("devnet not started");

    public async Task InitializeAsync()
    {
        _devnet = await DevnetProcess.StartAsync("--no-simulator", "--module-param", "energy.dispute_window_blocks=100000");
        _driver = new EnergyDriver(_devnet);
        await Driver.DepositAsync(5_000_000);
        await Driver.RegisterAsync(Healthy, pricePerKwh: 3);
        await Driver.RegisterAsync(Flaky, pricePerKwh: 2);
        var height = (await Driver.Rpc.CallAsync(Client.Core.CoreRpc.NodeStatus, Client.Rpc.NoParams.Value)).CurrentBlockHeight;
        await Wait.UntilAsync(
            async () => (await Driver.Rpc.CallAsync(OracleRpc.Status, Client.Rpc.NoParams.Value)).LastSyncHeight >= height,
            EnergyDriver.Timeout,
            "the oracle to sync the providers' keys",
            Devnet.Diagnostics);

        string? last = null;
        foreach (var provider in new[] { Healthy, Flaky })
        {
            for (var total = 0UL; total <= 300; total += 100)
            {
                var (_, answer) = await Driver.PostAsync(Devnet.OracleUrl, EnergyDriver.Json(Driver.Reading(provider, "meter_001", 1_500_000 + total)));
                last = answer.GetProperty("tracking_id").GetString();
            }
        }

        await Driver.IncludedAsync(Devnet.OracleUrl, last!);
        await Driver.PostAsync(Devnet.OracleUrl, EnergyDriver.Json(Driver.Reading(Healthy, "meter_002", 1, key: Driver.Owner)));
        await Driver.PostAsync(Devnet.OracleUrl, EnergyDriver.Json(Driver.Reading(Healthy, "meter_002", 1, timestamp: (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3_600)));

        var offtakerKey = Path.Combine(Devnet.DataDir, "keys", "dev-3.key");
        var credits = (await Devnet.CliJson("energy", "credits", "list", "--status", "pending", "--provider", Flaky)).GetProperty("credits")
            .EnumerateArray().Select(c => c.GetProperty("credit_id").GetUInt64()).ToList();
        foreach (var credit in credits)
        {
            var opened = await Devnet.CliJson("--key", offtakerKey, "energy", "disputes", "open", "--credit-id", $"{credit}", "--reason", "meter reads above the offtaker's meter");
            _ = opened;
        }

        var disputes = (await Devnet.CliJson("energy", "disputes", "list", "--status", "open")).GetProperty("disputes").EnumerateArray()
            .Select(d => d.GetProperty("dispute_id").GetUInt64()).ToList();
        foreach (var dispute in disputes)
        {
            await Devnet.CliJson("energy", "disputes", "resolve", "--id", $"{dispute}", "--outcome", "upheld");
        }
    }

    public void Dispose() => _driver?.Dispose();

    public async Task DisposeAsync()
    {
        Dispose();
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }
}
