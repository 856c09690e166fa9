using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Treasury;

/// <summary>Registers the treasury module in a node: its metrics, executor, RPC methods, start-up step, event views and devnet traffic.</summary>
public static class TreasuryServices
{
    public static IServiceCollection AddTreasury(this IServiceCollection services, NodeOptions options)
    {
        services.AddSingleton<TreasuryMetrics>();
        services.AddSingleton<TreasuryExecutor>();
        services.AddHostedService(sp => sp.GetRequiredService<TreasuryExecutor>());
        services.AddSingleton<IRpcMethodSource, TreasuryRpcMethods>();
        services.AddSingleton<IRpcMethodSource>(sp => new AuditRpcMethods(sp.GetRequiredService<ChainService>(), options, sp.GetRequiredService<RpcConcurrencyGate>()));
        services.AddSingleton<IModuleStartup, TreasuryStartup>();
        services.AddSingleton<IDevnetTrafficSource, GovernanceTrafficSource>();
        services.AddSingleton<IEventViewSource, TreasuryEventViews>();
        return services;
    }
}
