using System.Text.Json.Serialization.Metadata;

namespace TheBlock.Server.Rpc;

/// <summary>An RPC handler's synchronous answer as the completed task the dispatcher awaits; handlers import it with <c>using static</c>.</summary>
public static class RpcHandlerResults
{
    public static ValueTask<RpcOutcome> Ok<T>(T value, JsonTypeInfo<T> typeInfo) => ValueTask.FromResult(RpcOutcome.Ok(value, typeInfo));

    public static ValueTask<RpcOutcome> Fail(RpcError error) => ValueTask.FromResult(RpcOutcome.Fail(error));
}
