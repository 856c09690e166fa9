using System.CommandLine;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The devnet's in-process receipt-emitter: its own listeners (flags), the devnet's emitter token, its queue database
/// under the devnet's data dir and its log beside the node's. <c>--roles node,energy-oracle</c> leaves it out, and
/// <c>the-block receipt-emitter --devnet-data-dir D</c> attaches one as its own process instead.
/// </summary>
public sealed class ReceiptEmitterRole : IDevnetRole
{
    private readonly Option<string?> _listen = new("--emitter-listen") { Description = $"Where the devnet's receipt emitter takes POST /receipts (default {EmitterOptions.DefaultListen})." };
    private readonly Option<string?> _metricsListen = new("--emitter-metrics-listen") { Description = $"The devnet's receipt emitter's /metrics listener (default {EmitterOptions.DefaultMetricsListen})." };

    public string Name => EmitterHost.RoleName;

    public IReadOnlyList<Option> Options => [_listen, _metricsListen];

    public string Endpoint(NodeOptions node, ParseResult parse) => $"http://{ForDevnet(node, parse).Listen}";

    public string MetricsListen(NodeOptions node, ParseResult parse) => ForDevnet(node, parse).MetricsListen;

    public IEnumerable<string> Describe(NodeOptions node, ParseResult parse)
    {
        var options = ForDevnet(node, parse);
        yield return $"emitter    http://{options.Listen}{ReceiptsEndpoint.ReceiptsPath}  (metrics http://{options.MetricsListen}/metrics)";
        yield return $"emitter log {Path.GetFullPath(Path.Combine(options.LogDir, Logging.LogFiles.ReceiptEmitter))}";
    }

    public async Task<IAsyncDisposable> StartAsync(NodeOptions node, ParseResult parse, CancellationToken cancellationToken)
    {
        var app = EmitterHost.Build(ForDevnet(node, parse), node.VerboseLogs);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new RunningHost(app);
    }

    /// <summary>How an emitter process reaches the devnet in <paramref name="dataDir"/>: its endpoints file and its emitter token.</summary>
    public static EmitterOptions ForDevnetDataDir(string dataDir, string listen)
    {
        var endpoints = DevnetEndpoints.Read(dataDir);
        return new EmitterOptions
        {
            NodeRpcUrl = endpoints.RpcUrl,
            TokenFile = NodeDataDirectory.TokenPath(dataDir, RpcRole.Emitter),
            LogDir = endpoints.LogDir,
            Listen = listen,
            DataDir = QueueDirectory(dataDir, listen),
        };
    }

    /// <summary>
    /// One queue database per listen port under the devnet's data dir: the in-process emitter and one attached on the
    /// same port later (after <c>--roles node,energy-oracle</c>) share it, so a restart finds what it had accepted.
    /// </summary>
    public static string QueueDirectory(string devnetDataDir, string listen) =>
        Path.Combine(devnetDataDir, $"receipt-emitter-{ListenAddress.Parse(listen).Port}");

    private EmitterOptions ForDevnet(NodeOptions node, ParseResult parse)
    {
        var listen = parse.GetValue(_listen) ?? EmitterOptions.DefaultListen;
        return new EmitterOptions
        {
            NodeRpcUrl = $"http://{node.RpcListen}{NodeHost.RpcPath}",
            TokenFile = NodeDataDirectory.TokenPath(node.DataDir, RpcRole.Emitter),
            LogDir = node.ResolvedLogDir,
            Listen = listen,
            MetricsListen = parse.GetValue(_metricsListen) ?? EmitterOptions.DefaultMetricsListen,
            DataDir = QueueDirectory(node.DataDir, listen),
            EmitterId = "devnet-emitter",
        };
    }
}
