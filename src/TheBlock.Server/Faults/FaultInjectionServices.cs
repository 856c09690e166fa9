using TheBlock.Server.Node;

namespace TheBlock.Server.Faults;

/// <summary>
/// Registers the fault switches <c>debug.fault.set</c> answers from, and, only when <c>Node:AllowFaultInjection</c>
/// is set, the decorators that let them reach the chain: without the flag no fault code is on a block's path. Modules'
/// switches (<see cref="IFaultSwitch"/>) are collected from DI, where a module registers them under the same flag.
/// </summary>
public static class FaultInjectionServices
{
    public static IServiceCollection AddFaultInjection(this IServiceCollection services, NodeOptions options)
    {
        services.AddSingleton(provider => new FaultInjection(options.AllowFaultInjection, provider.GetServices<IFaultSwitch>()));
        if (options.AllowFaultInjection)
        {
            services.AddSingleton<IChainDecorator, FaultDecorator>();
        }

        return services;
    }
}
