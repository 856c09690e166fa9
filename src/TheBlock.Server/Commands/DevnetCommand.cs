using System.CommandLine;
using TheBlock.Client.Rpc;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;

namespace TheBlock.Server.Commands;

/// <summary><c>the-block devnet</c>: every role in one process, a funded genesis, dev keys and simulated traffic.</summary>
public static class DevnetCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "JSON configuration file (section \"Node\"), as for `the-block node`; THEBLOCK__Node__* variables and these flags override it." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Chain data directory (created on first start, resumed after; default ./devnet-data)." };
        var logDir = new Option<string?>("--log-dir") { Description = "Log directory (default <data-dir>/logs)." };
        var epochLength = new Option<ulong?>("--epoch-length") { Description = "Blocks per epoch, fixed at genesis (default 120)." };
        var blockInterval = new Option<ulong?>("--block-interval-ms") { Description = "Target block interval in ms (default 1000)." };
        var noSimulator = new Option<bool>("--no-simulator") { Description = "Do not generate simulated traffic." };
        var roles = new Option<string>("--roles") { Description = "Comma-separated roles to run.", DefaultValueFactory = _ => string.Join(",", ServerRoles.Available) };
        var force = new Option<bool>("--force") { Description = "Replace the CLI's token and default key under ~/.config/the-block." };
        var rpcListen = new Option<string?>("--rpc-listen") { Description = "JSON-RPC listener (default 127.0.0.1:8000)." };
        var metricsListen = new Option<string?>("--metrics-listen") { Description = "Prometheus metrics listener (default 127.0.0.1:9464)." };
        var allowFaults = new Option<bool>("--allow-fault-injection") { Description = "Let the admin token switch on injected failures (debug.fault.set: storage, block_inclusion, block_production, commit_hold and the modules' own) to rehearse the runbook." };
        var faultDelay = new Option<int?>("--fault-delay-ms") { Description = $"How long a delay fault (a module's switch that slows a call instead of failing it) holds each call while on (default 12000, at most {NodeOptions.MaxFaultDelayMs})." };
        var moduleParams = new Option<string[]>("--module-param") { Description = "Genesis: a module parameter, MODULE.NAME=VALUE (repeatable), e.g. energy.dispute_window_blocks=600; fixed at genesis.", AllowMultipleArgumentsPerToken = false };
        var noCascade = new Option<bool>("--no-cascade-rollback") { Description = "Genesis: rolling back a disbursement leaves its dependents queued (runbook Path A)." };

        var command = new Command("devnet", "Start a single-validator devnet with every role and simulated traffic.\nExample: the-block devnet --data-dir ./devnet-data");
        foreach (var option in new Option[] { config, dataDir, logDir, epochLength, blockInterval, noSimulator, roles, force, rpcListen, metricsListen, allowFaults, faultDelay, noCascade, moduleParams }
            .Concat(ServerRoles.Attached.SelectMany(role => role.Options)))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => ServerCommand.RunAsync(async () =>
        {
            var node = NodeConfiguration.Load(parse.GetValue(config), NodeOptions.ForDevnet(), flags =>
            {
                flags.DataDir = parse.GetValue(dataDir) ?? flags.DataDir;
                flags.LogDir = parse.GetValue(logDir) ?? flags.LogDir;
                flags.RpcListen = parse.GetValue(rpcListen) ?? flags.RpcListen;
                flags.MetricsListen = parse.GetValue(metricsListen) ?? flags.MetricsListen;
                flags.BlockIntervalMs = parse.GetValue(blockInterval) ?? flags.BlockIntervalMs;
                flags.AllowFaultInjection |= parse.GetValue(allowFaults);
                flags.FaultDelayMs = parse.GetValue(faultDelay) ?? flags.FaultDelayMs;
            });
            var devnet = new DevnetOptions(
                node.DataDir,
                parse.GetValue(epochLength),
                node.BlockIntervalMs,
                parse.GetValue(noSimulator),
                ServerRoles.Parse(parse.GetValue(roles)!),
                parse.GetValue(force),
                parse.GetValue(noCascade),
                ModuleParameterFlags.Parse(parse.GetValue(moduleParams) ?? []));
            await RunAsync(devnet, node, parse, cancellationToken);
        }));
        return command;
    }

    private static async Task RunAsync(DevnetOptions devnet, NodeOptions node, ParseResult parse, CancellationToken cancellationToken)
    {
        DevnetSetup.Prepare(devnet, TimeProvider.System, Console.Out);
        await using var app = NodeHost.Build(node, devnet.Roles, services =>
        {
            if (!devnet.NoSimulator)
            {
                services.AddHostedService<TrafficSimulator>();
            }
        });
        var chain = app.Services.GetRequiredService<ChainService>();

        // Written before anything starts, so nothing of this run (the simulator) reads a previous run's endpoints.
        var roles = ServerRoles.Attached.Where(role => devnet.Roles.Contains(role.Name)).ToList();
        DevnetEndpoints.Write(node.DataDir, new DevnetEndpoints(
            $"http://{node.RpcListen}{NodeHost.RpcPath}",
            $"http://{node.MetricsListen}{NodeHost.MetricsPath}",
            Path.GetFullPath(node.ResolvedLogDir),
            roles.ToDictionary(role => role.Name, role => role.Endpoint(node, parse))));
        var timeScale = AlertTimeScale.For(chain.Genesis.Parameters.EpochLength, (ulong)chain.BlockInterval.TotalMilliseconds);
        var prometheusConfig = DevnetPrometheus.Write(
            node.DataDir,
            timeScale,
            roles.ToDictionary(role => DevnetPrometheus.JobName(role.Name), role => role.MetricsListen(node, parse))
                .Append(KeyValuePair.Create(DevnetPrometheus.JobName(ServerRoles.Node), node.MetricsListen))
                .ToDictionary());
        await app.StartAsync(cancellationToken);
        var attached = new List<IAsyncDisposable>();
        try
        {
            foreach (var role in roles)
            {
                attached.Add(await role.StartAsync(node, parse, cancellationToken));
            }

            PrintBanner(devnet, node, parse, chain, (prometheusConfig, timeScale), app.Services.GetServices<IDevnetTrafficSource>().SelectMany(source => source.TryCommands));
            await app.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            foreach (var role in attached)
            {
                await role.DisposeAsync();
            }
        }

        app.Services.GetRequiredService<ChainHalt>().ThrowIfHalted();
    }

    private static void PrintBanner(DevnetOptions devnet, NodeOptions node, ParseResult parse, ChainService chain, (string Config, int TimeScale) prometheus, IEnumerable<string> tryCommands)
    {
        var prometheusData = Path.Combine(Path.GetDirectoryName(prometheus.Config)!, "data");
        var rpcUrl = $"http://{node.RpcListen}{NodeHost.RpcPath}";
        Console.Out.WriteLine($"""
            The Block devnet is running (chain {chain.Genesis.ChainId}, height {chain.Head.Height}, roles {string.Join(",", devnet.Roles)}{(devnet.NoSimulator ? ", no simulator" : ", simulated traffic")}).
              data dir   {Path.GetFullPath(node.DataDir)}
              node log   {Path.GetFullPath(Path.Combine(node.ResolvedLogDir, "node.log"))}
              JSON-RPC   {rpcUrl}
              metrics    http://{node.MetricsListen}{NodeHost.MetricsPath}
              CLI token  {RpcEndpoint.DefaultTokenFile}
              CLI key    {RpcEndpoint.DefaultKeyFile}
              alerts     prometheus --config.file={prometheus.Config} --storage.tsdb.path={prometheusData}  (Debian: apt-get install prometheus; alert timing {prometheus.TimeScale}x)
            {string.Join(Environment.NewLine, ServerRoles.Attached.Where(role => devnet.Roles.Contains(role.Name)).SelectMany(role => role.Describe(node, parse)).Select(line => "  " + line))}
            Try (contract-cli on PATH: scripts/install --prefix "$HOME/.local" from the repository, then ~/.local/bin on PATH):
              contract-cli node status | jq .current_block_height
              contract-cli node ledger inspect --account treasury | jq .balance
              contract-cli keys address
            {string.Join(Environment.NewLine, tryCommands.Select(line => "  " + line))}
            Stop with Ctrl-C; starting again resumes this chain.
            """);
    }
}
