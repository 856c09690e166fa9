using System.Text.Json.Serialization.Metadata;

namespace TheBlock.Server.Rpc;

/// <summary>What a handler answers: a result or an expected rejection. Exceptions are reserved for bugs and failed I/O.</summary>
public readonly struct RpcOutcome
{
    private readonly RpcResult _result;

    public RpcOutcome(RpcResult result)
    {
        ArgumentNullException.ThrowIfNull(result.TypeInfo, nameof(result));
        _result = result;
        IsOk = true;
    }

    public RpcOutcome(RpcError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public bool IsOk { get; }

    /// <summary>The rejection, or null when the outcome is a result (or is <c>default</c>, which is a handler bug).</summary>
    public RpcError? Error { get; }

    public RpcResult Result => IsOk ? _result : throw new InvalidOperationException("the outcome is not a result");

    public static RpcOutcome Ok<T>(T value, JsonTypeInfo<T> typeInfo) => new(new RpcResult(value, typeInfo));

    public static RpcOutcome Fail(RpcError error) => new(error);

    public static RpcOutcome FromRpcResult(RpcResult result) => new(result);

    public static RpcOutcome FromRpcError(RpcError error) => new(error);

    public static implicit operator RpcOutcome(RpcResult result) => new(result);

    public static implicit operator RpcOutcome(RpcError error) => new(error);
}
