using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A real <c>the-block receipt-emitter --devnet-data-dir D</c> on free ports, as a second machine would run it beside a
/// <c>--roles node,energy-oracle</c> devnet: its queue in <c>D/receipt-emitter-&lt;port&gt;</c>, its log beside the node's.
/// Started, killed with SIGKILL and started again on the same port (so on the same queue) by the test.
/// </summary>
public sealed class AttachedEmitterProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly IReadOnlyList<string> _extraArgs;
    private Process? _process;

    private AttachedEmitterProcess(DevnetProcess devnet, IReadOnlyList<string> extraArgs)
    {
        Devnet = devnet;
        Port = FreePort.Next();
        MetricsPort = FreePort.Next();
        _extraArgs = extraArgs;
    }

    public DevnetProcess Devnet { get; }

    public int Port { get; }

    public int MetricsPort { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string MetricsUrl => $"http://127.0.0.1:{MetricsPort}/metrics";

    public string Log => Path.Combine(Path.GetDirectoryName(Devnet.NodeLog)!, "receipt-emitter.log");

    public bool IsRunning => _process is { HasExited: false };

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

    /// <summary>Starts an emitter attached to <paramref name="devnet"/> and waits until it has synced from the node.</summary>
    public static async Task<AttachedEmitterProcess> StartAsync(DevnetProcess devnet, params string[] extraArgs)
    {
        var emitter = new AttachedEmitterProcess(devnet, extraArgs);
        await emitter.StartProcessAsync();
        return emitter;
    }

    public async Task StartProcessAsync()
    {
        _process = DotnetProcess.Start(
            Executables.Server,
            ["receipt-emitter", "--devnet-data-dir", Devnet.DataDir, "--listen", $"127.0.0.1:{Port}", "--metrics-listen", $"127.0.0.1:{MetricsPort}", .. _extraArgs],
            Devnet.Home,
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
            "the attached emitter to sync from the devnet",
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
