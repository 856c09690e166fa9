using Prometheus;
using TheBlock.Server.Energy;
using TheBlock.Server.Faults;
using TheBlock.Server.Logging;
using TheBlock.Server.Receipts;
using TheBlock.Server.Rpc;
using TheBlock.Server.Treasury;

namespace TheBlock.Server.Node;

/// <summary>
/// Builds the node role's host: the chain, the block producer, JSON-RPC on the RPC listener and /metrics on the
/// metrics listener, file logs, and systemd notification when run as a unit.
/// </summary>
public static class NodeHost
{
    public const string RpcPath = "/rpc";
    public const string MetricsPath = "/metrics";

    public static WebApplication Build(NodeOptions options, IReadOnlyList<string> roles, Action<IServiceCollection>? addServices = null)
    {
        options.ThrowIfInvalid();

        var rpc = ListenAddress.Parse(options.RpcListen);
        var metricsListen = ListenAddress.Parse(options.MetricsListen);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Host.UseSystemd();
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Logging.ClearProviders();
        builder.Logging.AddTheBlockFileLogging(
            options.ResolvedLogDir,
            LogFiles.Node,
            [LogFileRoute.Receipts],
            new FileLoggingOptions(Verbose: options.VerboseLogs));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(rpc.Address, rpc.Port);
            kestrel.Listen(metricsListen.Address, metricsListen.Port);
            kestrel.AddServerHeader = false;
        });

        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        var metricFactory = Metrics.WithCustomRegistry(registry);
        metricFactory.CreateGauge("the_block_build_info", "Build of this process; the value is always 1.", new GaugeConfiguration { LabelNames = ["version", "role"] })
            .WithLabels(NodeIdentity.BuildVersion, string.Join(",", roles)).Set(1);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(registry);
        services.AddSingleton<IMetricFactory>(metricFactory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeIdentity(options.NodeId, NodeIdentity.BuildVersion, roles));
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<ChainHalt>();
        services.AddFaultInjection(options);
        services.AddSingleton(sp => ChainService.Open(
            options, sp.GetRequiredService<NodeMetrics>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetServices<IChainDecorator>()));
        services.AddSingleton<IRpcMethodSource, NodeRpcMethods>();
        // One gate for every expensive read a module serves (settlement audits, receipt re-validation), so together they
        // never take more than Node:AuditMaxConcurrent cores from block production.
        services.AddSingleton(new RpcConcurrencyGate(options.AuditMaxConcurrent));
        services.AddTreasury(options);
        services.AddEnergy(options);
        services.AddReceipts(options);
        services.AddSingleton(sp => new RpcDispatcher(
            RpcMethodCatalog.With(sp.GetServices<IRpcMethodSource>().SelectMany(source => source.Methods())),
            NodeDataDirectory.LoadTokens(options.DataDir),
            new RpcOptions
            {
                MaxRequestBytes = options.MaxRequestBytes,
                MaxBatchSize = options.MaxBatchSize,
                RateLimitPerSecond = options.RateLimitPerSecond,
                MaxResponseBytes = options.MaxResponseBytes,
                MaxBatchResponseBytes = options.MaxBatchResponseBytes,
            },
            sp.GetRequiredService<IMetricFactory>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("rpc")));
        services.AddHostedService<BlockProducer>();
        addServices?.Invoke(services);

        var app = builder.Build();
        var dispatcher = app.Services.GetRequiredService<RpcDispatcher>();
        app.MapWhen(
            context => context.Connection.LocalPort == metricsListen.Port,
            branch => branch.UseMetricServer(MetricsPath, registry));
        app.MapWhen(
            context => context.Connection.LocalPort == rpc.Port && context.Request.Path == RpcPath,
            branch => branch.Run(dispatcher.HandleAsync));

        var chain = app.Services.GetRequiredService<ChainService>();
        foreach (var module in app.Services.GetServices<IModuleStartup>())
        {
            module.Start(chain);
        }

        var nodeMetrics = app.Services.GetRequiredService<NodeMetrics>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        registry.AddBeforeCollectCallback(() =>
        {
            nodeMetrics.ConsensusHealthy.Set(ConsensusHealth.IsHealthy(chain.Head, chain.BlockInterval, time.GetUtcNow()) ? 1 : 0);
            nodeMetrics.MempoolTransactions.Set(chain.MempoolCount);
        });
        return app;
    }
}
