using System.CommandLine;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>The devnet's in-process oracle replica: its own listeners (flags), the devnet's oracle token, logs beside the node's.</summary>
public sealed class EnergyOracleRole : IDevnetRole
{
    public const string RoleName = "energy-oracle";

    private readonly Option<string?> _listen = new("--oracle-listen") { Description = $"Where the devnet's energy oracle takes POST /readings (default {OracleOptions.DefaultListen})." };
    private readonly Option<string?> _metricsListen = new("--oracle-metrics-listen") { Description = $"The devnet's energy oracle's /metrics listener (default {OracleOptions.DefaultMetricsListen})." };

    public string Name => RoleName;

    public IReadOnlyList<Option> Options => [_listen, _metricsListen];

    public string Endpoint(NodeOptions node, ParseResult parse) => $"http://{ForDevnet(node, parse).Listen}";

    public string MetricsListen(NodeOptions node, ParseResult parse) => ForDevnet(node, parse).MetricsListen;

    public IEnumerable<string> Describe(NodeOptions node, ParseResult parse)
    {
        var options = ForDevnet(node, parse);
        yield return $"oracle     http://{options.Listen}{OracleHost.ReadingsPath}  (metrics http://{options.MetricsListen}/metrics)";
        yield return $"oracle log {Path.GetFullPath(Path.Combine(options.LogDir, Logging.LogFiles.Oracle))}";
    }

    public async Task<IAsyncDisposable> StartAsync(NodeOptions node, ParseResult parse, CancellationToken cancellationToken)
    {
        var app = OracleHost.Build(ForDevnet(node, parse), node.VerboseLogs);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new RunningHost(app);
    }

    /// <summary>How a replica reaches the devnet in <paramref name="dataDir"/>: its endpoints file and its oracle token.</summary>
    public static OracleOptions ForDevnetDataDir(string dataDir)
    {
        var endpoints = DevnetEndpoints.Read(dataDir);
        return new OracleOptions
        {
            NodeRpcUrl = endpoints.RpcUrl,
            TokenFile = NodeDataDirectory.TokenPath(dataDir, RpcRole.Oracle),
            LogDir = endpoints.LogDir,
        };
    }

    private OracleOptions ForDevnet(NodeOptions node, ParseResult parse) => new()
    {
        NodeRpcUrl = $"http://{node.RpcListen}{NodeHost.RpcPath}",
        TokenFile = NodeDataDirectory.TokenPath(node.DataDir, RpcRole.Oracle),
        LogDir = node.ResolvedLogDir,
        Listen = parse.GetValue(_listen) ?? OracleOptions.DefaultListen,
        MetricsListen = parse.GetValue(_metricsListen) ?? OracleOptions.DefaultMetricsListen,
        OracleId = "devnet-oracle",
    };
}
