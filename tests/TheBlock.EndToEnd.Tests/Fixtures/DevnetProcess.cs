using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A real `the-block devnet` process on free loopback ports, with its own data directory and HOME (so the CLI's
/// ~/.config/the-block is private to the test), plus a way to run the real `contract-cli` against it.
/// </summary>
public sealed class DevnetProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private Process? _process;

    private DevnetProcess(string root, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string> environment)
    {
        Environment = environment;
        Root = root;
        DataDir = Path.Combine(root, "data");
        Home = Path.Combine(root, "home");
        Directory.CreateDirectory(Home);
        RpcPort = FreePort.Next();
        MetricsPort = FreePort.Next();
        OraclePort = FreePort.Next();
        OracleMetricsPort = FreePort.Next();
        EmitterPort = FreePort.Next();
        EmitterMetricsPort = FreePort.Next();
        ExtraArgs = extraArgs;
    }

    public string Root { get; }

    public string DataDir { get; }

    public string Home { get; }

    public int RpcPort { get; }

    public int MetricsPort { get; }

    public IReadOnlyList<string> ExtraArgs { get; }

    /// <summary>Variables the devnet process (not the CLI) starts with, such as <c>THEBLOCK__Node__*</c> overrides.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The in-process energy oracle's listeners (the devnet's <c>--oracle-listen</c> and <c>--oracle-metrics-listen</c>).</summary>
    public int OraclePort { get; }

    public int OracleMetricsPort { get; }

    /// <summary>The in-process receipt emitter's listeners (the devnet's <c>--emitter-listen</c> and <c>--emitter-metrics-listen</c>).</summary>
    public int EmitterPort { get; }

    public int EmitterMetricsPort { get; }

    public string EmitterUrl => $"http://127.0.0.1:{EmitterPort}";

    public string OracleUrl => $"http://127.0.0.1:{OraclePort}";

    public string OracleMetricsUrl => $"http://127.0.0.1:{OracleMetricsPort}/metrics";

    public string RpcUrl => $"http://127.0.0.1:{RpcPort}/rpc";

    public string MetricsUrl => $"http://127.0.0.1:{MetricsPort}/metrics";

    public string NodeLog => Path.Combine(DataDir, "logs", "node.log");

    public string DatabasePath => Path.Combine(DataDir, "chain.db");

    public int? ProcessId => _process?.Id;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a devnet with 100 ms blocks (unless the arguments say otherwise) and waits until it answers.</summary>
    public static Task<DevnetProcess> StartAsync(params string[] extraArgs) => StartAsync(_ => { }, extraArgs);

    /// <summary>As <see cref="StartAsync(string[])"/>, after <paramref name="prepareHome"/> has set up the private HOME.</summary>
    public static Task<DevnetProcess> StartAsync(Action<string> prepareHome, params string[] extraArgs) =>
        StartAsync(prepareHome, new Dictionary<string, string>(), extraArgs);

    /// <summary>As <see cref="StartAsync(Action{string}, string[])"/>, with <paramref name="environment"/> set for the devnet process.</summary>
    public static async Task<DevnetProcess> StartAsync(Action<string> prepareHome, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var root = NewRoot();
        var devnet = new DevnetProcess(root, extraArgs, environment);
        prepareHome(devnet.Home);
        await devnet.StartProcessAsync();
        return devnet;
    }

    /// <summary>
    /// Runs `the-block devnet` with these arguments in a fresh directory until it exits by itself (a refused start)
    /// or 60 s pass, and returns what it printed.
    /// </summary>
    public static async Task<ProcessResult> RunToExitAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var root = NewRoot();
        try
        {
            var home = Path.Combine(root, "home");
            Directory.CreateDirectory(home);
            using var process = Process.Start(DotnetProcess.StartInfo(Executables.Server, ["devnet", "--data-dir", Path.Combine(root, "data"), .. args], home, environment))!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Still running: it accepted what it should have refused. Kill it so the test fails on the exit code.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Everything the devnet printed so far.</summary>
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

    /// <summary>Starts the same devnet again (same data dir, ports and HOME) after it stopped or was killed.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async Task StartProcessAsync()
    {
        var args = new List<string>
        {
            "devnet",
            "--data-dir", DataDir,
            "--rpc-listen", $"127.0.0.1:{RpcPort}",
            "--metrics-listen", $"127.0.0.1:{MetricsPort}",
            "--oracle-listen", $"127.0.0.1:{OraclePort}",
            "--oracle-metrics-listen", $"127.0.0.1:{OracleMetricsPort}",
            "--emitter-listen", $"127.0.0.1:{EmitterPort}",
            "--emitter-metrics-listen", $"127.0.0.1:{EmitterMetricsPort}",
        };
        if (!ExtraArgs.Contains("--block-interval-ms"))
        {
            args.AddRange(["--block-interval-ms", "100"]);
        }

        args.AddRange(ExtraArgs);
        _process = DotnetProcess.Start(Executables.Server, args, Home, Append, Environment);
        await Wait.UntilAsync(
            async () => !_process.HasExited && (await Cli("node", "status")).ExitCode == 0,
            TimeSpan.FromSeconds(60),
            "the devnet to answer node status",
            Diagnostics);
    }

    /// <summary>Runs the real contract-cli against this devnet.</summary>
    public Task<ProcessResult> Cli(params string[] args) =>
        DotnetProcess.RunAsync(Executables.Cli, ["--rpc", RpcUrl, .. args], Home);

    /// <summary>Runs contract-cli and parses its JSON output, failing with everything it printed otherwise.</summary>
    public async Task<JsonElement> CliJson(params string[] args)
    {
        var result = await Cli(args);
        Assert.True(result.ExitCode == 0, $"contract-cli {string.Join(' ', args)} failed: {result}\n{Diagnostics()}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    public async Task<ulong> HeightAsync() => (await CliJson("node", "status")).GetProperty("current_block_height").GetUInt64();

    public async Task WaitForHeightAsync(ulong height, TimeSpan? timeout = null) =>
        await Wait.UntilAsync(async () => await HeightAsync() >= height, timeout ?? TimeSpan.FromSeconds(60), $"height {height}", Diagnostics);

    /// <summary>SIGKILL: no shutdown code runs, as with `kill -9`.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to end on its own (a halt) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("the devnet was never started");
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the devnet did not exit within {timeout.TotalSeconds:0} s\n{Diagnostics()}");
        }

        return process.ExitCode;
    }

    /// <summary>SIGTERM and wait for a clean exit, as systemd stops the unit.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return _process?.ExitCode ?? 0;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public string Diagnostics()
    {
        var output = Output;
        var log = File.Exists(NodeLog) ? string.Join('\n', ReadShared(NodeLog).Split('\n').TakeLast(40)) : "(no node.log)";
        return $"--- devnet output ---\n{output}\n--- node.log (tail) ---\n{log}";
    }

    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "theblock-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return root;
    }

    private void Append(string line)
    {
        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }
}
