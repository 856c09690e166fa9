using TheBlock.Client.Receipts;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using static TheBlock.Server.Rpc.RpcHandlerResults;

namespace TheBlock.Server.Receipts;

/// <summary>
/// <c>debug.receipts.traffic.set</c> (admin): switches the devnet's simulated service-market receipts off and on, and their
/// badly signed companions on and off; a field left out keeps its value. Only a
/// devnet (chain id <c>devnet</c>) or a node started with <c>Node:AllowFaultInjection</c> takes it: on any other chain
/// silencing a market is not a drill.
/// </summary>
public sealed class ReceiptsTrafficRpcMethods(ChainService chain, NodeOptions options, ReceiptsTrafficSwitch traffic, ILoggerFactory loggers) : IRpcMethodSource
{
    private readonly ILogger _log = loggers.CreateLogger(ReceiptsLog.Category);

    public IEnumerable<RpcMethod> Methods() =>
    [
        RpcMethod.For(ReceiptsRpc.TrafficSet, RpcRole.Admin, (p, _) => Set(p)),
    ];

    private ValueTask<RpcOutcome> Set(ReceiptsTrafficParams parameters)
    {
        if (chain.Genesis.ChainId != DevnetGenesis.ChainId && !options.AllowFaultInjection)
        {
            return Fail(RpcError.Unavailable(
                ReceiptsReasonRegistry.TrafficSwitchDisabled,
                $"chain {chain.Genesis.ChainId} is not a devnet and this node does not allow fault injection; the receipts traffic switch is for devnets (or Node:AllowFaultInjection=true)"));
        }

        if (parameters.Active is { } active)
        {
            traffic.Set(active);
            ReceiptsLog.TrafficSwitched(_log, active ? "true" : "false");
        }

        if (parameters.BadSignatures is { } badSignatures)
        {
            traffic.SetBadSignatures(badSignatures);
            ReceiptsLog.BadSignaturesSwitched(_log, badSignatures ? "true" : "false");
        }

        return Ok(new ReceiptsTrafficState(traffic.Active, traffic.BadSignatures, ReceiptsTraffic.SimulatedProviders), ReceiptsJsonContext.Default.ReceiptsTrafficState);
    }
}
