using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// A real <c>the-block energy-oracle --devnet-data-dir D</c> replica on free ports with its own log dir, as a second
/// machine would run it: started, killed with SIGKILL and started again by the test.
/// </summary>
public sealed class OracleProcess : IAsyncDisposable
{
    private readonly RoleProcess _process = new("oracle");
    private readonly IReadOnlyList<string> _extraArgs;

    private OracleProcess(DevnetProcess devnet, string name, IReadOnlyList<string> extraArgs)
    {
        Devnet = devnet;
        Name = name;
        LogDir = Path.Combine(devnet.Root, $"logs-{name}");
        _extraArgs = extraArgs;
    }

    public DevnetProcess Devnet { get; }

    public string Name { get; }

    public int Port => _process.Port;

    public int MetricsPort => _process.MetricsPort;

    public string LogDir { get; }

    public string Url => _process.Url;

    public string MetricsUrl => _process.MetricsUrl;

    public string Log => Path.Combine(LogDir, "oracle.log");

    public string Output => _process.Output;

    /// <summary>Starts a replica attached to <paramref name="devnet"/> and waits until it has synced the providers' keys.</summary>
    public static async Task<OracleProcess> StartAsync(DevnetProcess devnet, string name, params string[] extraArgs)
    {
        var oracle = new OracleProcess(devnet, name, extraArgs);
        await oracle.StartProcessAsync();
        return oracle;
    }

    public Task StartProcessAsync() => _process.StartAsync(
        ["energy-oracle", "--devnet-data-dir", Devnet.DataDir, .. _process.ListenArguments, "--log-dir", LogDir, "--oracle-id", Name, .. _extraArgs],
        Devnet.Home,
        $"oracle {Name} to sync keys");

    /// <summary>SIGKILL, as <c>kill -9</c>: nothing the oracle holds in memory survives.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
