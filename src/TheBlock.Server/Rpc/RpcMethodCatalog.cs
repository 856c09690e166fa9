using TheBlock.Client.Core;

namespace TheBlock.Server.Rpc;

/// <summary>
/// <c>rpc.methods</c> (public): the name and role of every method the dispatcher serves, itself included, so
/// operators and the RPC fuzz test see the real registry instead of a list kept by hand.
/// </summary>
public static class RpcMethodCatalog
{
    /// <summary><paramref name="methods"/> plus <c>rpc.methods</c>, which answers for all of them.</summary>
    public static IReadOnlyList<RpcMethod> With(IEnumerable<RpcMethod> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var served = methods.ToList();
        var list = new RpcMethodList([.. served
            .Select(method => new RpcMethodInfo(method.Name, method.Role.ToWireName()))
            .Append(new RpcMethodInfo(CoreRpc.RpcMethods.Method, RpcRole.Public.ToWireName()))
            .OrderBy(method => method.Name, StringComparer.Ordinal)]);
        served.Add(RpcMethod.For(CoreRpc.RpcMethods, RpcRole.Public, (_, _) => ValueTask.FromResult(RpcOutcome.Ok(list, CoreRpc.RpcMethods.ResultType))));
        return served;
    }
}
