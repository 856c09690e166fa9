using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TheBlock.Server.Rpc;

public static class RpcEndpointRouteBuilderExtensions
{
    /// <summary>Serves JSON-RPC at <paramref name="pattern"/> (POST; routing answers other verbs with 405).</summary>
    public static IEndpointConventionBuilder MapJsonRpc(this IEndpointRouteBuilder endpoints, string pattern, RpcDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(dispatcher);

        // A plain RequestDelegate: no parameter binding, nothing generated, the dispatcher reads the body itself.
        return endpoints.MapPost(pattern, new RequestDelegate(dispatcher.HandleAsync));
    }
}
