using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;
using TheBlock.Server.Logging;
using TheBlock.Server.Roles;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// Builds the energy-oracle role's host: <c>POST /readings</c>, <c>GET /readings/{id}</c> and <c>GET /health</c> on
/// its listener, <c>/metrics</c> on its metrics listener, <c>oracle.log</c> in its log directory, and the key sync,
/// forwarder, inclusion tracker and stats reporter behind them. It holds no chain state, so replicas run side by side.
/// </summary>
public static class OracleHost
{
    /// <summary>How long the oracle waits for one node call (a batch or a key sync) before it counts the node unreachable and retries.</summary>
    public static readonly TimeSpan NodeCallTimeout = TimeSpan.FromSeconds(30);

    public const string ReadingsPath = "/readings";
    public const string HealthPath = "/health";

    public static WebApplication Build(OracleOptions options, bool verboseLogs = false)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new StartupException($"{EnergyOracleRole.RoleName}: " + string.Join("; ", problems));
        }

        var token = options.Token ?? RoleWebHost.ReadToken(EnergyOracleRole.RoleName, options.TokenFile!, "oracle.token");
        var host = RoleWebHost.Create(EnergyOracleRole.RoleName, options.Listen, options.MetricsListen, options.LogDir, LogFiles.Oracle, options.MaxBodyBytes, verboseLogs);
        var services = host.Builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new OracleMetrics(host.Metrics));
        // A slow node is waited for (30 s, the RPC client's usual patience) rather than sent the same batch again: a
        // re-sent batch only adds load and nonce_replay refusals to a node that is already behind (runbook path A).
        services.AddSingleton(new RpcClient(new Uri(options.NodeRpcUrl), token, NodeCallTimeout));
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

        return host.Build(provider =>
        {
            var endpoint = provider.GetRequiredService<ReadingsEndpoint>();
            var keys = provider.GetRequiredService<OracleKeyCache>();
            var queue = provider.GetRequiredService<ReadingQueue>();
            var metrics = provider.GetRequiredService<OracleMetrics>();
            return context => Route(context, endpoint, keys, queue, metrics, options);
        });
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
}
