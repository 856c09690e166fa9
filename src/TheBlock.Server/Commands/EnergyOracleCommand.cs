using System.CommandLine;
using TheBlock.Server.Energy.Oracle;

namespace TheBlock.Server.Commands;

/// <summary><c>the-block energy-oracle</c>: one oracle replica, as deploy/systemd/energy-oracle.service runs it.</summary>
public static class EnergyOracleCommand
{
    public static Command Create()
    {
        var devnetDataDir = new Option<string?>("--devnet-data-dir") { Description = "Attach to the devnet running from this data dir: its JSON-RPC endpoint, oracle token and log dir." };
        var nodeRpc = new Option<string?>("--node-rpc") { Description = "The node's JSON-RPC URL (default http://127.0.0.1:8000/rpc)." };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the node's oracle token (<data-dir>/secrets/oracle.token)." };
        var listen = new Option<string?>("--listen") { Description = $"Where POST /readings listens (default {OracleOptions.DefaultListen})." };
        var metricsListen = new Option<string?>("--metrics-listen") { Description = $"Where /metrics listens (default {OracleOptions.DefaultMetricsListen})." };
        var logDir = new Option<string?>("--log-dir") { Description = "Directory of oracle.log (default ./logs, or the devnet's log dir)." };
        var oracleId = new Option<string?>("--oracle-id") { Description = "This replica's name at the node (default oracle@<listen>)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Readings per call to the node, at most (default 500)." };
        var batchDelay = new Option<int?>("--batch-delay-ms") { Description = "How long a batch waits to fill (default 20)." };
        var queueCapacity = new Option<int?>("--queue-capacity") { Description = "Readings waiting for the node, at most; past it readings are answered busy (default 20000)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log debug lines too." };
        var command = new Command(
            "energy-oracle",
            "Run an energy-oracle replica: accept signed meter readings over HTTP, verify them, forward them to the node in batches.\n" +
            "Example: the-block energy-oracle --devnet-data-dir ./devnet-data --listen 127.0.0.1:8002 --metrics-listen 127.0.0.1:9466");
        foreach (var option in new Option[] { devnetDataDir, nodeRpc, tokenFile, listen, metricsListen, logDir, oracleId, batchSize, batchDelay, queueCapacity, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => ServerCommand.RunAsync(async () =>
        {
            var options = parse.GetValue(devnetDataDir) is { } dataDir ? EnergyOracleRole.ForDevnetDataDir(dataDir) : new OracleOptions();
            options.NodeRpcUrl = parse.GetValue(nodeRpc) ?? options.NodeRpcUrl;
            options.TokenFile = parse.GetValue(tokenFile) ?? options.TokenFile;
            options.Listen = parse.GetValue(listen) ?? options.Listen;
            options.MetricsListen = parse.GetValue(metricsListen) ?? options.MetricsListen;
            options.LogDir = parse.GetValue(logDir) ?? options.LogDir;
            options.OracleId = parse.GetValue(oracleId) ?? options.OracleId;
            options.BatchSize = parse.GetValue(batchSize) ?? options.BatchSize;
            options.BatchDelayMs = parse.GetValue(batchDelay) ?? options.BatchDelayMs;
            options.QueueCapacity = parse.GetValue(queueCapacity) ?? options.QueueCapacity;
            await using var app = OracleHost.Build(options, parse.GetValue(verbose));
            await app.RunAsync(cancellationToken);
        }));
        return command;
    }
}
