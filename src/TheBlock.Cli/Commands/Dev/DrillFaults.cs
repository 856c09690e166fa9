using TheBlock.Client.Rpc;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Commands.Dev;

/// <summary>
/// The node's fault switches as the drills flip them (admin <c>debug.fault.set</c>): the core's and the modules' own. A
/// node started without fault injection refuses every switch, so a drill and its recovery fail there, before anything
/// was changed, with the node's reason and the devnet flag that allows it.
/// </summary>
internal static class DrillFaults
{
    public const string AllowFlag = "--allow-fault-injection";

    public static async Task<FaultState> SetAsync(CommandContext context, string drill, string fault, bool active, CancellationToken cancellationToken)
    {
        try
        {
            return await context.CallAsync(TreasuryRpc.FaultSet, new FaultSetParams(fault, active), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcCallException ex) when (ex.Reason == TreasuryReasonRegistry.FaultInjectionDisabled)
        {
            throw new CliException(CliErrors.Usage(
                TreasuryReasonRegistry.FaultInjectionDisabled,
                $"drill {drill} switches the node's \"{fault}\" fault {(active ? "on" : "off")}, and this devnet was not started with {AllowFlag}: "
                + $"restart it as `the-block devnet {AllowFlag}` (the chain is kept; faults live in memory only); nothing was changed"));
        }
    }
}
