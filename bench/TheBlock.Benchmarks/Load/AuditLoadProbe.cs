using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;

namespace TheBlock.Benchmarks.Load;

/// <summary>
/// (10) Does a running settlement audit slow the node's cheap calls? Builds (or reuses) a devnet chain of
/// <c>--blocks</c> blocks, starts a real <c>the-block node</c> process on it with Node:AuditMaxConcurrent = the number
/// of audits, keeps that many <c>audit.settlement</c> calls running back to back (each reads every journal below its
/// range), and meanwhile drives <c>node.status</c> open-loop at <c>--rate</c> with <see cref="LoadGenerator"/>.
/// </summary>
public static class AuditLoadProbe
{
    public const string Usage = """
        audit-load: node.status latency while settlement audits run, against a real node process.
          --blocks N         chain length to build, 1000..1000000 (default 100000)
          --audits N         audit.settlement calls kept running at once, 0..16 (default 4; 0 measures the node alone)
          --rate N           node.status requests per second, 1..5000 (default 500)
          --duration S       measured seconds, 1..600 (default 30)
          --data-dir D       reuse (or build once into) this data directory instead of a temporary one
        """;

    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ulong blocks = 100_000;
        int audits = 4, rate = 500, duration = 30;
        string? dataDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--blocks" when ulong.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 1_000 and <= 1_000_000:
                    blocks = n;
                    break;
                case "--audits" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 16:
                    audits = n;
                    break;
                case "--rate" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5_000:
                    rate = n;
                    break;
                case "--duration" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 600:
                    duration = n;
                    break;
                case "--data-dir" when !string.IsNullOrWhiteSpace(value):
                    dataDir = value;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unexpected argument {args[i]}\n{Usage}");
                    return 2;
            }

            i++;
        }

        var temporary = dataDir is null;
        dataDir ??= Directory.CreateTempSubdirectory("theblock-bench-audit-load-").FullName;
        try
        {
            if (!File.Exists(NodeDataDirectory.DatabasePath(dataDir)))
            {
                Build(dataDir, blocks);
            }

            return await MeasureAsync(dataDir, audits, rate, duration);
        }
        finally
        {
            if (temporary)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    /// <summary>A devnet chain as <c>the-block devnet</c> creates it, then blocks of two transfers each, produced back to back.</summary>
    private static void Build(string dataDir, ulong blocks)
    {
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(dataDir));
        var devKeys = Enumerable.Range(1, DevnetLayout.DevAccountCount)
            .Select(index => SigningKey.FromSeed(KeyFile.Generate(DevnetLayout.DevKeyPath(dataDir, index))))
            .ToArray();
        using (var validator = SigningKey.FromSeed(validatorSeed))
        {
            var genesis = DevnetGenesis.Create(
                validator.PublicKey,
                devKeys.Select(k => k.Address),
                DevnetGenesis.DefaultEpochLength,
                DevnetGenesis.DefaultBlockIntervalMs,
                (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        }

        var options = new NodeOptions { DataDir = dataDir, NodeId = "audit-load" };
        using var chain = ChainService.Open(options, new NodeMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())), NullLoggerFactory.Instance, TimeProvider.System);
        var started = Stopwatch.GetTimestamp();
        for (ulong produced = 1; produced <= blocks; produced++)
        {
            for (var t = 0; t < 2; t++)
            {
                var sender = devKeys[(int)((produced + (ulong)t) % (ulong)devKeys.Length)];
                var recipient = devKeys[(int)((produced + (ulong)t + 1) % (ulong)devKeys.Length)].Address;
                var (_, nonce) = chain.GetAccount(sender.Address);
                var transfer = Transaction.CreateSigned(chain.Genesis.ChainId, sender, nonce, 0, new TransferPayload(recipient, 1 + (produced % 997)));
                if (chain.Submit(transfer) is { } rejection)
                {
                    throw new InvalidOperationException($"transfer refused at height {chain.Head.Height}: {rejection}");
                }
            }

            if (chain.ProduceBlock() is null)
            {
                throw new InvalidOperationException($"block {chain.Head.Height + 1} failed to commit");
            }

            if (produced % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {produced} blocks in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s"));
            }
        }

        foreach (var key in devKeys)
        {
            key.Dispose();
        }
    }

    private static async Task<int> MeasureAsync(string dataDir, int audits, int rate, int duration)
    {
        var rpcPort = FreePort();
        var url = new Uri($"http://127.0.0.1:{rpcPort}/rpc");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "the-block.dll"), "node", "--data-dir", dataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["THEBLOCK__Node__RpcListen"] = $"127.0.0.1:{rpcPort}",
                ["THEBLOCK__Node__MetricsListen"] = $"127.0.0.1:{FreePort()}",
                ["THEBLOCK__Node__AuditMaxConcurrent"] = Math.Max(1, audits).ToString(CultureInfo.InvariantCulture),
            },
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("the-block node did not start");
        // The node logs to its data directory; stdout is drained so it never blocks, stderr is shown.
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                Console.Error.WriteLine($"node: {text}");
            }
        };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            var token = (await File.ReadAllTextAsync(NodeDataDirectory.TokenPath(dataDir, RpcRole.Admin))).Trim();
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var height = await WaitForNodeAsync(http, url, node);
            Console.WriteLine($"audit-load: node pid {node.Id} on {url}, chain height {height}, {audits} audits at once, node.status at {rate} req/s for {duration} s");

            using var stop = new CancellationTokenSource();
            var auditLoops = Enumerable.Range(0, audits).Select(_ => Task.Run(() => AuditLoopAsync(http, url, token, stop.Token))).ToArray();
            using var generator = new LoadGenerator(new LoadOptions(url, rate, TimeSpan.FromSeconds(duration), Warmup, TimeSpan.FromSeconds(5), CoreMethods.NodeStatus));
            var warmup = await generator.RunPhaseAsync(rate * (int)Warmup.TotalSeconds);
            Console.WriteLine($"warm-up: {warmup.Count} requests, {warmup.Errors} errors (not counted)");
            var result = await generator.RunPhaseAsync(rate * duration);
            await stop.CancelAsync();
            var loops = await Task.WhenAll(auditLoops);

            Console.WriteLine(result.Describe());
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"audits: {loops.Sum(l => l.Completed)} completed, {loops.Sum(l => l.Busy)} busy, {loops.Sum(l => l.Failed)} failed; each {Median(loops.SelectMany(l => l.Seconds)):0.00} s median"));
            return result.Errors == 0 && loops.All(l => l.Failed == 0) ? 0 : 1;
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }

    /// <summary>Calls <c>audit.settlement</c> (its default range: the most recent epochs) back to back until stopped.</summary>
    private static async Task<AuditLoop> AuditLoopAsync(HttpClient http, Uri url, string token, CancellationToken stop)
    {
        var loop = new AuditLoop();
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"audit.settlement","params":{}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, CancellationToken.None);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
            if (body.RootElement.TryGetProperty("result", out var audit) && audit.GetProperty("conserved").GetBoolean())
            {
                loop.Completed++;
                loop.Seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            else if (body.RootElement.TryGetProperty("error", out var error) && error.GetProperty("data").GetProperty("reason").GetString() == CoreReasonRegistry.Busy)
            {
                loop.Busy++;
            }
            else
            {
                loop.Failed++;
                await Console.Error.WriteLineAsync($"audit.settlement: {body.RootElement}");
            }
        }

        return loop;
    }

    private static async Task<ulong> WaitForNodeAsync(HttpClient http, Uri url, Process node)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 120);
        while (Stopwatch.GetTimestamp() < deadline && !node.HasExited)
        {
            try
            {
                using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"node.status","params":{}}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(url, content);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return body.RootElement.GetProperty("result").GetProperty("current_block_height").GetUInt64();
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        throw new InvalidOperationException("the node did not answer node.status within 120 s");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private sealed class AuditLoop
    {
        public int Completed { get; set; }

        public int Busy { get; set; }

        public int Failed { get; set; }

        public List<double> Seconds { get; } = [];
    }
}
