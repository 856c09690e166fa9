using TheBlock.Server.Rpc;

namespace TheBlock.Server.Node;

/// <summary>A subsystem that adds JSON-RPC methods to the node (treasury, energy, receipts register one each).</summary>
public interface IRpcMethodSource
{
    IEnumerable<RpcMethod> Methods();
}
