using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// A real <c>the-block energy-oracle --devnet-data-dir D</c> replica on free ports with its own log dir, as a second
/// machine would run it: started, killed with SIGKILL and started again by the test.
/// </summary>
public sealed class OracleProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private readonly IReadOnlyList<string> _extraArgs;
    private Process? _process;

    private OracleProcess(DevnetProcess devnet, string name, IReadOnlyList<string> extraArgs)
    {
        Devnet = devnet;
        Name = name;
        Port = FreePort.Next();
        MetricsPort = FreePort.Next();
        LogDir = Path.Combine(devnet.Root, $"logs-{name}");
        _extraArgs = extraArgs;
    }

    public DevnetProcess Devnet { get; }

    public string Name { get; }

    public int Port { get; }

    public int MetricsPort { get; }

    public string LogDir { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string MetricsUrl => $"http://127.0.0.1:{MetricsPort}/metrics";

    public string Log => Path.Combine(LogDir, "oracle.log");

    /// <summary>Starts a replica attached to <paramref name="devnet"/> and waits until it has synced the providers' keys.</summary>
    public static async Task<OracleProcess> StartAsync(DevnetProcess devnet, string name, params string[] extraArgs)
    {
        var oracle = new OracleProcess(devnet, name, extraArgs);
        await oracle.StartProcessAsync();
        return oracle;
    }

    public async Task StartProcessAsync()
    {
        _process = DotnetProcess.Start(
            Executables.Server,
            [
                "energy-oracle", "--devnet-data-dir", Devnet.DataDir, "--listen", $"127.0.0.1:{Port}", "--metrics-listen", $"127.0.0.1:{MetricsPort}",
                "--log-dir", LogDir, "--oracle-id", Name, .. _extraArgs,
            ],
            Devnet.Home,
            Append);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the oracle exited with {_process.ExitCode}: {Output}");
                }

                using var health = JsonDocument.Parse(await http.GetStringAsync($"{Url}/health"));
                return health.RootElement.GetProperty("status").GetString() == "ok";
            },
            TimeSpan.FromSeconds(60),
            $"oracle {Name} to sync keys",
            () => Output);
    }

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

    /// <summary>SIGKILL, as <c>kill -9</c>: nothing the oracle holds in memory survives.</summary>
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
