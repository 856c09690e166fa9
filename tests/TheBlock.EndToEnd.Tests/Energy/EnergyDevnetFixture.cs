using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>A quiet devnet (no simulator) with its in-process oracle, shared by a test class; each test uses its own provider ids.</summary>
public sealed class EnergyDevnetFixture : IAsyncLifetime, IDisposable
{
    private DevnetProcess? _devnet;
    private EnergyDriver? _driver;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public EnergyDriver Driver => _driver ?? throw new InvalidOperationException("devnet not started");

    /// <summary>Provider ids the class's tests registered, so each registers once however many tests use it.</summary>
    public HashSet<string> Registered { get; } = new(StringComparer.Ordinal);

    public string OracleLog => Path.Combine(Devnet.DataDir, "logs", "oracle.log");

    public async Task InitializeAsync()
    {
        _devnet = await DevnetProcess.StartAsync("--no-simulator");
        _driver = new EnergyDriver(_devnet);
        await _driver.DepositAsync(5_000_000);
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
