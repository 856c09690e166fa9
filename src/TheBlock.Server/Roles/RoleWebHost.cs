using Prometheus;
using TheBlock.Server.Logging;
using TheBlock.Server.Node;

namespace TheBlock.Server.Roles;

/// <summary>
/// The shell of a role process that takes documents over HTTP and forwards them to a node (an energy oracle, a receipt
/// emitter): its listener and metrics listener, its own log file, its own metric registry with the build-info gauge,
/// and its role token read from a file. The role adds its services to <see cref="Builder"/> and its routes in <see cref="Build"/>.
/// </summary>
public sealed class RoleWebHost
{
    private RoleWebHost(string roleName, ListenAddress listen, ListenAddress metricsListen, WebApplicationBuilder builder, CollectorRegistry registry)
    {
        RoleName = roleName;
        Listen = listen;
        MetricsListen = metricsListen;
        Builder = builder;
        Registry = registry;
        Metrics = Prometheus.Metrics.WithCustomRegistry(registry);
    }

    public string RoleName { get; }

    public ListenAddress Listen { get; }

    public ListenAddress MetricsListen { get; }

    public WebApplicationBuilder Builder { get; }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Metrics { get; }

    public static RoleWebHost Create(string roleName, string listen, string metricsListen, string logDir, string logFile, int maxBodyBytes, bool verboseLogs)
    {
        var listenAddress = ListenAddress.Parse(listen);
        var metricsAddress = ListenAddress.Parse(metricsListen);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Host.UseSystemd();
        builder.Host.ConfigureHostOptions(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Logging.ClearProviders();
        builder.Logging.AddTheBlockFileLogging(logDir, logFile, [], new FileLoggingOptions(Verbose: verboseLogs));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listenAddress.Address, listenAddress.Port);
            kestrel.Listen(metricsAddress.Address, metricsAddress.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
        });

        var registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        var host = new RoleWebHost(roleName, listenAddress, metricsAddress, builder, registry);
        host.Metrics.CreateGauge("the_block_build_info", "Build of this process; the value is always 1.", new GaugeConfiguration { LabelNames = ["version", "role"] })
            .WithLabels(NodeIdentity.BuildVersion, roleName).Set(1);
        return host;
    }

    /// <summary>Builds the app: <c>/metrics</c> on the metrics listener, <paramref name="route"/> (given the services) on the listener.</summary>
    public WebApplication Build(Func<IServiceProvider, RequestDelegate> route)
    {
        var app = Builder.Build();
        var handler = route(app.Services);
        app.MapWhen(context => context.Connection.LocalPort == MetricsListen.Port, branch => branch.UseMetricServer("/metrics", Registry));
        app.MapWhen(context => context.Connection.LocalPort == Listen.Port, branch => branch.Run(handler));
        return app;
    }

    /// <summary>The role's token from <paramref name="path"/>, which is the node's <c>&lt;data-dir&gt;/secrets/{tokenName}</c>.</summary>
    public static string ReadToken(string roleName, string path, string tokenName)
    {
        if (!File.Exists(path))
        {
            throw new StartupException($"{roleName}: token file {path} does not exist; it is the node's <data-dir>/secrets/{tokenName}");
        }

        var token = File.ReadAllText(path).Trim();
        return token.Length > 0 ? token : throw new StartupException($"{roleName}: token file {path} is empty");
    }
}
