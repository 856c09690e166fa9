using TheBlock.Server.Devnet;
using TheBlock.Server.Node;

namespace TheBlock.Server.Receipts;

/// <summary>Registers the receipts module in a node: its metrics, start-up step, admission of emitters' batches, RPC methods, event views and devnet traffic.</summary>
public static class ReceiptsServices
{
    public static IServiceCollection AddReceipts(this IServiceCollection services, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<ReceiptsMetrics>();
        services.AddSingleton<EmitterRegistry>();
        services.AddSingleton<ReceiptAdmission>();
        services.AddSingleton<ReceiptRevalidation>();
        services.AddSingleton(sp => new ValidationStateResetter(
            sp.GetRequiredService<EmitterRegistry>(), options, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IModuleStartup, ReceiptsStartup>();
        services.AddSingleton<IRpcMethodSource, ReceiptsRpcMethods>();
        services.AddSingleton<IRpcMethodSource, EmitterRpcMethods>();
        services.AddSingleton<ReceiptsTrafficSwitch>();
        services.AddSingleton<IRpcMethodSource, ReceiptsTrafficRpcMethods>();
        services.AddSingleton<IEventViewSource, ReceiptsEventViews>();
        services.AddSingleton<IDevnetTrafficSource, ReceiptsTrafficSource>();
        return services;
    }
}
