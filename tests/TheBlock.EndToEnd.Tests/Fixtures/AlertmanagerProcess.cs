using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A real Alertmanager (Debian's prometheus-alertmanager) with a given configuration, listening on a free loopback port,
/// its storage in a temp directory and clustering off, so it never gossips with another Alertmanager on the machine.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    /// <summary>Debian installs upstream's <c>alertmanager</c> under this name.</summary>
    public const string Executable = "prometheus-alertmanager";

    public const string InstallHint = "apt-get install prometheus-alertmanager (.ci/run does) and run again";

    private readonly TempDirectory _root;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private AlertmanagerProcess(TempDirectory root, Process process, ConcurrentQueue<string> output, int port)
    {
        _root = root;
        _process = process;
        _output = output;
        Url = $"http://127.0.0.1:{port}";
    }

    public static string DeployedConfig => Path.Combine(Executables.RepositoryRoot, "deploy", "alertmanager", "alertmanager.yml");

    public string Url { get; }

    /// <summary>Starts it with <paramref name="config"/> (the text of an alertmanager.yml) and waits until it is ready.</summary>
    public static async Task<AlertmanagerProcess> StartAsync(string config)
    {
        var root = new TempDirectory("theblock-alertmanager-");
        await File.WriteAllTextAsync(root.File("alertmanager.yml"), config);
        var port = FreePort.Next();
        var output = new ConcurrentQueue<string>();
        var process = ToolProcess.Start(
            ToolProcess.StartInfo(Executable, [
                $"--config.file={root.File("alertmanager.yml")}",
                $"--storage.path={root.File("data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=",
            ]),
            output.Enqueue,
            InstallHint);
        var alertmanager = new AlertmanagerProcess(root, process, output, port);
        using var http = new HttpClient();
        await Wait.UntilAsync(
            async () => !process.HasExited && (await http.GetAsync($"{alertmanager.Url}/-/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "Alertmanager to be ready",
            alertmanager.Diagnostics);
        return alertmanager;
    }

    public string Diagnostics() => $"--- alertmanager output ---\n{string.Join('\n', _output.TakeLast(40))}";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _root.Dispose();
    }
}
