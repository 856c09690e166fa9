using TheBlock.Client.Rpc;
using TheBlock.Server.Logging;
using TheBlock.Server.Roles;

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

        var token = new EmitterToken(options.Token ?? RoleWebHost.ReadToken(RoleName, options.TokenFile!, "emitter.token"));
        var host = RoleWebHost.Create(RoleName, options.Listen, options.MetricsListen, options.LogDir, LogFiles.ReceiptEmitter, options.MaxBodyBytes, verboseLogs);
        var store = OpenStore(options);
        var services = host.Builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(token);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new EmitterMetrics(host.Metrics));
        services.AddSingleton(_ => store);
        services.AddSingleton(_ =>
        {
            var validation = new ValidationState();
            validation.Load(store.LoadSeen(), store.AllPending());
            return validation;
        });
        services.AddSingleton(new RpcClient(new Uri(options.NodeRpcUrl), token.Value, TimeSpan.FromSeconds(10)));
        services.AddSingleton<SubmittedBatches>();
        services.AddSingleton<ReceiptQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ReceiptQueue>());
        services.AddSingleton<EmitterChainView>();
        services.AddHostedService(sp => sp.GetRequiredService<EmitterChainView>());
        services.AddHostedService<ReceiptForwarder>();
        services.AddHostedService<ReceiptInclusionTracker>();
        services.AddSingleton<ReceiptIngestion>();
        services.AddSingleton<ReceiptsEndpoint>();

        return host.Build(provider => provider.GetRequiredService<ReceiptsEndpoint>().RouteAsync);
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
}
