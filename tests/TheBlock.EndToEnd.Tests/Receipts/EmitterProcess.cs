using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A real <c>the-block receipt-emitter --node-rpc URL --token-file F</c> process on free ports with its own data and log
/// dirs: started, killed with SIGKILL and started again on the same queue database by the test.
/// </summary>
public sealed class EmitterProcess : IAsyncDisposable
{
    private readonly RoleProcess _process = new("emitter");
    private readonly string _nodeRpc;
    private readonly IReadOnlyList<string> _extraArgs;

    public EmitterProcess(string root, string nodeRpc, string token, params string[] extraArgs)
    {
        Root = root;
        _nodeRpc = nodeRpc;
        _extraArgs = extraArgs;
        DataDir = Path.Combine(root, "emitter-data");
        LogDir = Path.Combine(root, "emitter-logs");
        Home = Path.Combine(root, "home");
        Directory.CreateDirectory(Home);
        TokenFile = Path.Combine(root, "emitter.token");
        File.WriteAllText(TokenFile, token + "\n");
    }

    public string Root { get; }

    public int Port => _process.Port;

    public int MetricsPort => _process.MetricsPort;

    public string DataDir { get; }

    public string LogDir { get; }

    public string Home { get; }

    public string TokenFile { get; }

    public string Url => _process.Url;

    public string MetricsUrl => _process.MetricsUrl;

    public string Log => Path.Combine(LogDir, "receipt-emitter.log");

    public string Output => _process.Output;

    /// <summary>Starts the emitter and waits until it has synced from the node.</summary>
    public Task StartAsync() => _process.StartAsync(
        [
            "receipt-emitter", "--node-rpc", _nodeRpc, "--token-file", TokenFile, .. _process.ListenArguments,
            "--data-dir", DataDir, "--log-dir", LogDir, "--emitter-id", "emitter-under-test", .. _extraArgs,
        ],
        Home,
        "the emitter to sync from the node");

    /// <summary>SIGKILL, as <c>kill -9</c>: nothing the emitter holds in memory survives.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
