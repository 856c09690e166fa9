using TheBlock.Server.Devnet;
using TheBlock.Server.Faults;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>Registers the energy market in a node: its metrics, RPC methods, start-up step, event views, devnet traffic and, when the node allows fault injection, its fault switch.</summary>
public static class EnergyServices
{
    public static IServiceCollection AddEnergy(this IServiceCollection services, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<EnergyMetrics>();
        services.AddSingleton<EnergyMarketTotals>();
        services.AddSingleton<IModuleStartup, EnergyStartup>();
        services.AddSingleton<IRpcMethodSource, EnergyRpcMethods>();
        services.AddSingleton<IEventViewSource, EnergyEventViews>();
        services.AddSingleton<OracleRegistry>();
        services.AddSingleton<ReadingAdmission>();
        services.AddSingleton<IRpcMethodSource, OracleRpcMethods>();
        services.AddSingleton<IDevnetTrafficSource, EnergyTrafficSource>();
        if (options.AllowFaultInjection)
        {
            services.AddSingleton<ReadingsSubmitDelay>();
            services.AddSingleton<IFaultSwitch>(provider => provider.GetRequiredService<ReadingsSubmitDelay>());
        }

        return services;
    }
}
