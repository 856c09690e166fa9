using System.Text.Json.Serialization.Metadata;

namespace TheBlock.Server.Rpc;

/// <summary>
/// A successful result and the source-generated metadata that writes it, so the dispatcher never falls back to
/// reflection. Prefer <see cref="RpcOutcome.Ok{T}"/>, which ties the value's type to the metadata's.
/// </summary>
public readonly record struct RpcResult(object? Value, JsonTypeInfo TypeInfo);
