using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A real <c>the-block receipt-emitter --devnet-data-dir D</c> on free ports, as a second machine would run it beside a
/// <c>--roles node,energy-oracle</c> devnet: its queue in <c>D/receipt-emitter-&lt;port&gt;</c>, its log beside the node's.
/// Started, killed with SIGKILL and started again on the same port (so on the same queue) by the test.
/// </summary>
public sealed class AttachedEmitterProcess : IAsyncDisposable
{
    private readonly RoleProcess _process = new("emitter");
    private readonly IReadOnlyList<string> _extraArgs;

    private AttachedEmitterProcess(DevnetProcess devnet, IReadOnlyList<string> extraArgs)
    {
        Devnet = devnet;
        _extraArgs = extraArgs;
    }

    public DevnetProcess Devnet { get; }

    public int Port => _process.Port;

    public int MetricsPort => _process.MetricsPort;

    public string Url => _process.Url;

    public string MetricsUrl => _process.MetricsUrl;

    public string Log => Path.Combine(Path.GetDirectoryName(Devnet.NodeLog)!, "receipt-emitter.log");

    public bool IsRunning => _process.IsRunning;

    public string Output => _process.Output;

    /// <summary>Starts an emitter attached to <paramref name="devnet"/> and waits until it has synced from the node.</summary>
    public static async Task<AttachedEmitterProcess> StartAsync(DevnetProcess devnet, params string[] extraArgs)
    {
        var emitter = new AttachedEmitterProcess(devnet, extraArgs);
        await emitter.StartProcessAsync();
        return emitter;
    }

    public Task StartProcessAsync() => _process.StartAsync(
        ["receipt-emitter", "--devnet-data-dir", Devnet.DataDir, .. _process.ListenArguments, .. _extraArgs],
        Devnet.Home,
        "the attached emitter to sync from the devnet");

    /// <summary>SIGKILL, as <c>kill -9</c>: nothing the emitter holds in memory survives.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
