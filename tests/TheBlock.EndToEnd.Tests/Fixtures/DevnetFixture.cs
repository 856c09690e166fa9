namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>One quiet devnet (no simulator) shared by a test class whose tests each leave the chain as they found it.</summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    private DevnetProcess? _devnet;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public string AdminToken => File.ReadAllText(Path.Combine(Devnet.Home, ".config", "the-block", "token")).Trim();

    public string DefaultKeyFile => Path.Combine(Devnet.Home, ".config", "the-block", "keys", "default.key");

    public async Task InitializeAsync() => _devnet = await DevnetProcess.StartAsync("--no-simulator");

    public async Task DisposeAsync()
    {
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }
}
