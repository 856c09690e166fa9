using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A real ingestion role process (<c>the-block energy-oracle</c>, <c>the-block receipt-emitter</c>) on two free ports:
/// started with the arguments its fixture gives, ready once its <c>/health</c> says <c>ok</c>, killed with SIGKILL and
/// started again on the same ports by the test. Its fixtures add what differs: the role's own arguments and files.
/// </summary>
public sealed class RoleProcess(string role) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public int MetricsPort { get; } = FreePort.Next();

    public string Url => $"http://127.0.0.1:{Port}";

    public string MetricsUrl => $"http://127.0.0.1:{MetricsPort}/metrics";

    /// <summary>The process's listener arguments for its two ports.</summary>
    public IReadOnlyList<string> ListenArguments => ["--listen", $"127.0.0.1:{Port}", "--metrics-listen", $"127.0.0.1:{MetricsPort}"];

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

    /// <summary>Starts <c>the-block</c> with <paramref name="arguments"/> and waits until its health is <c>ok</c>.</summary>
    public async Task StartAsync(IReadOnlyList<string> arguments, string home, string readyMeans)
    {
        var process = DotnetProcess.Start(Executables.Server, [.. arguments], home, Append);
        _process = process;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the {role} exited with {process.ExitCode}: {Output}");
                }

                using var health = JsonDocument.Parse(await http.GetStringAsync($"{Url}/health"));
                return health.RootElement.GetProperty("status").GetString() == "ok";
            },
            TimeSpan.FromSeconds(60),
            readyMeans,
            () => Output);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: nothing the process holds in memory survives.</summary>
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
