using Prometheus;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;
using TheBlock.Server.Logging;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// Builds the energy-oracle role's host: <c>POST /readings</c>, <c>GET /readings/{id}</c> and <c>GET /health</c> on
/// its listener, <c>/metrics</c> on its metrics listener, <c>oracle.log</c> in its log directory, and the key sync,
/// forwarder, inclusion tracker and stats reporter behind them. It holds no chain state, so replicas run side by side.
/// </summary>
public static class OracleHost
{
    public const string ReadingsPath = "/readings";
    public const string HealthPath = "/health";

    public static WebApplication Build(OracleOptions options, bool verboseLogs = false)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new StartupException("energy-oracle: " + string.Join("; ", problems));
        }

        var token = options.Token ?? ReadToken(options.TokenFile!);
        var listen = ListenAddress.Parse(options.Listen);
        var metricsListen = ListenAddress.Parse(options.MetricsListen);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Host.UseSystemd();
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Logging.ClearProviders();
        builder.Logging.AddTheBlockFileLogging(options.LogDir, LogFiles.Oracle, [], new FileLoggingOptions(Verbose: verboseLogs));
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
            .WithLabels(NodeIdentity.BuildVersion, "energy-oracle").Set(1);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new OracleMetrics(factory));
        services.AddSingleton(new RpcClient(new Uri(options.NodeRpcUrl), token, TimeSpan.FromSeconds(10)));
        services.AddSingleton<ReadingQueue>();
        services.AddSingleton<TrackingTable>();
        services.AddSingleton<LatencyWindow>();
        services.AddSingleton<OracleKeyCache>();
        services.AddHostedService(sp => sp.GetRequiredService<OracleKeyCache>());
        services.AddSingleton<InclusionTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<InclusionTracker>());
        services.AddHostedService<BatchForwarder>();
        services.AddHostedService<OracleStatsReporter>();
        services.AddSingleton<ReadingsEndpoint>();

        var app = builder.Build();
        var endpoint = app.Services.GetRequiredService<ReadingsEndpoint>();
        var keys = app.Services.GetRequiredService<OracleKeyCache>();
        var queue = app.Services.GetRequiredService<ReadingQueue>();
        var metrics = app.Services.GetRequiredService<OracleMetrics>();
        app.MapWhen(context => context.Connection.LocalPort == metricsListen.Port, branch => branch.UseMetricServer("/metrics", registry));
        app.MapWhen(
            context => context.Connection.LocalPort == listen.Port,
            branch => branch.Run(context => Route(context, endpoint, keys, queue, metrics, options)));
        return app;
    }

    private static Task Route(HttpContext context, ReadingsEndpoint endpoint, OracleKeyCache keys, ReadingQueue queue, OracleMetrics metrics, OracleOptions options)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        if (path == ReadingsPath && HttpMethods.IsPost(method))
        {
            return endpoint.PostAsync(context);
        }

        if (path.StartsWith(ReadingsPath + "/", StringComparison.Ordinal) && HttpMethods.IsGet(method))
        {
            return endpoint.GetAsync(context, path[(ReadingsPath.Length + 1)..]);
        }

        if (path == HealthPath && HttpMethods.IsGet(method))
        {
            var snapshot = keys.Current;
            var health = new OracleHealth(
                options.ResolvedOracleId,
                snapshot.Height is null ? "starting" : "ok",
                (ulong)snapshot.Keys.Count,
                snapshot.Height,
                queue.Depth,
                queue.Capacity,
                (int)metrics.PendingVerifications.Value);
            context.Response.ContentType = "application/json";
            return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, health, OracleJsonContext.Default.OracleHealth, context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string ReadToken(string path)
    {
        if (!File.Exists(path))
        {
            throw new StartupException($"energy-oracle: token file {path} does not exist; it is the node's <data-dir>/secrets/oracle.token");
        }

        var token = File.ReadAllText(path).Trim();
        return token.Length > 0 ? token : throw new StartupException($"energy-oracle: token file {path} is empty");
    }
}
