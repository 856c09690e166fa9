using Prometheus;
using TheBlock.Client.Rpc;
using TheBlock.Server.Logging;
using TheBlock.Server.Node;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// Builds the receipt-emitter role's host: <c>POST /receipts</c>, <c>GET /receipts/{id}</c>, <c>GET /health</c> and
/// <c>POST /admin/reset-validation-state</c> on its listener, <c>/metrics</c> on its metrics listener,
/// <c>receipt-emitter.log</c> in its log directory, the queue database in its data directory, and the sync, queue
/// writer, forwarder and inclusion tracker behind them.
/// </summary>
public static class EmitterHost
{
    public const string RoleName = "receipt-emitter";

    public static WebApplication Build(EmitterOptions options, bool verboseLogs = false)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new StartupException($"{RoleName}: " + string.Join("; ", problems));
        }

        var token = new EmitterToken(options.Token ?? ReadToken(options.TokenFile!));
        var listen = ListenAddress.Parse(options.Listen);
        var metricsListen = ListenAddress.Parse(options.MetricsListen);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Host.UseSystemd();
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Logging.ClearProviders();
        builder.Logging.AddTheBlockFileLogging(options.LogDir, LogFiles.ReceiptEmitter, [], new FileLoggingOptions(Verbose: verboseLogs));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen.Address, listen.Port);
            kestrel.Listen(metricsListen.Address, metricsListen.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });

        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        factory.CreateGauge("the_block_build_info", "Build of this process; the value is always 1.", new GaugeConfiguration { LabelNames = ["version", "role"] })
            .WithLabels(NodeIdentity.BuildVersion, RoleName).Set(1);

        var store = OpenStore(options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(token);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new EmitterMetrics(factory));
        services.AddSingleton(_ => store);
        services.AddSingleton(_ =>
        {
            var validation = new ValidationState();
            validation.Load(store.LoadSeen(), store.AllPending());
            return validation;
        });
        services.AddSingleton(new RpcClient(new Uri(options.NodeRpcUrl), token.Value, TimeSpan.FromSeconds(10)));
        services.AddSingleton<ReceiptQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ReceiptQueue>());
        services.AddSingleton<EmitterChainView>();
        services.AddHostedService(sp => sp.GetRequiredService<EmitterChainView>());
        services.AddHostedService<ReceiptForwarder>();
        services.AddHostedService<ReceiptInclusionTracker>();
        services.AddSingleton<ReceiptIngestion>();
        services.AddSingleton<ReceiptsEndpoint>();

        var app = builder.Build();
        var endpoint = app.Services.GetRequiredService<ReceiptsEndpoint>();
        app.MapWhen(context => context.Connection.LocalPort == metricsListen.Port, branch => branch.UseMetricServer("/metrics", registry));
        app.MapWhen(context => context.Connection.LocalPort == listen.Port, branch => branch.Run(endpoint.RouteAsync));
        return app;
    }

    private static ReceiptStore OpenStore(EmitterOptions options)
    {
        try
        {
            return ReceiptStore.Open(options.DatabasePath, options.OutcomeCapacity);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{RoleName}: cannot open the queue database {options.DatabasePath}: {ex.Message}");
        }
    }

    private static string ReadToken(string path)
    {
        if (!File.Exists(path))
        {
            throw new StartupException($"{RoleName}: token file {path} does not exist; it is the node's <data-dir>/secrets/emitter.token");
        }

        var token = File.ReadAllText(path).Trim();
        return token.Length > 0 ? token : throw new StartupException($"{RoleName}: token file {path} is empty");
    }
}
