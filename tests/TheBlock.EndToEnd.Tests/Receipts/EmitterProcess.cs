using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A real <c>the-block receipt-emitter --node-rpc URL --token-file F</c> process on free ports with its own data and log
/// dirs: started, killed with SIGKILL and started again on the same queue database by the test.
/// </summary>
public sealed class EmitterProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly string _nodeRpc;
    private readonly IReadOnlyList<string> _extraArgs;
    private Process? _process;

    public EmitterProcess(string root, string nodeRpc, string token, params string[] extraArgs)
    {
        Root = root;
        _nodeRpc = nodeRpc;
        _extraArgs = extraArgs;
        Port = FreePort.Next();
        MetricsPort = FreePort.Next();
        DataDir = Path.Combine(root, "emitter-data");
        LogDir = Path.Combine(root, "emitter-logs");
        Home = Path.Combine(root, "home");
        Directory.CreateDirectory(Home);
        TokenFile = Path.Combine(root, "emitter.token");
        File.WriteAllText(TokenFile, token + "\n");
    }

    public string Root { get; }

    public int Port { get; }

    public int MetricsPort { get; }

    public string DataDir { get; }

    public string LogDir { get; }

    public string Home { get; }

    public string TokenFile { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string MetricsUrl => $"http://127.0.0.1:{MetricsPort}/metrics";

    public string Log => Path.Combine(LogDir, "receipt-emitter.log");

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the emitter and waits until it has synced from the node.</summary>
    public async Task StartAsync()
    {
        _process = DotnetProcess.Start(
            Executables.Server,
            [
                "receipt-emitter", "--node-rpc", _nodeRpc, "--token-file", TokenFile, "--listen", $"127.0.0.1:{Port}", "--metrics-listen", $"127.0.0.1:{MetricsPort}",
                "--data-dir", DataDir, "--log-dir", LogDir, "--emitter-id", "emitter-under-test", .. _extraArgs,
            ],
            Home,
            Append);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the emitter exited with {_process.ExitCode}: {Output}");
                }

                using var health = JsonDocument.Parse(await http.GetStringAsync($"{Url}/health"));
                return health.RootElement.GetProperty("status").GetString() == "ok";
            },
            TimeSpan.FromSeconds(60),
            "the emitter to sync from the node",
            () => Output);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: nothing the emitter holds in memory survives.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string line)
    {
        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
