using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TheBlock.Client.Rpc;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Reads a call's named params into a contract's params record. Each param is first checked by <see cref="RpcParams"/>,
/// so a wrong one gets the same invalid_params answer (naming the param and what was expected) whichever method it
/// was sent to; only then does the source-generated metadata build the record. A param is required when its
/// constructor parameter is neither nullable nor defaulted; the <c>limit</c> of a paged contract is checked against
/// its bounds. Unknown params are ignored, as before contracts.
/// </summary>
internal sealed class RpcParamsReader<TParams>
{
    private readonly JsonTypeInfo<TParams> _type;
    private readonly IReadOnlyList<Action<RpcParams>> _checks;

    public RpcParamsReader(JsonTypeInfo<TParams> type, RpcPaging? paging)
    {
        _type = type;
        _checks = [.. type.Properties.Select(property => CheckFor(type, property, paging))];
    }

    public TParams Read(RpcParams parameters)
    {
        foreach (var check in _checks)
        {
            check(parameters);
        }

        try
        {
            return parameters.Raw.Deserialize(_type) ?? throw new JsonException("params read as null");
        }
        catch (JsonException ex)
        {
            // The checks above accept only what the record can hold, so this is a contract the reader does not cover.
            throw new InvalidOperationException($"params of type {typeof(TParams).Name} passed their checks but could not be read: {ex.Message}", ex);
        }
    }

    private static Action<RpcParams> CheckFor(JsonTypeInfo<TParams> type, JsonPropertyInfo property, RpcPaging? paging)
    {
        string name = property.Name;
        bool required = property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false };
        Type kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

        if (paging is not null && name == RpcPaging.LimitParam && kind == typeof(int))
        {
            return p => p.GetLimit(name, paging.DefaultLimit, paging.MaxLimit);
        }

        if (kind == typeof(string))
        {
            return required ? p => p.GetString(name) : p => p.GetOptionalString(name);
        }

        if (kind == typeof(ulong))
        {
            return required ? p => p.GetUInt64(name) : p => p.GetOptionalUInt64(name);
        }

        if (kind == typeof(long) && required)
        {
            return p => p.GetInt64(name);
        }

        if (kind == typeof(bool) && !required)
        {
            return p => p.GetOptionalBool(name, defaultValue: false);
        }

        if (kind == typeof(IReadOnlyList<string>) && required)
        {
            return p => p.GetStrings(name);
        }

        if (kind == typeof(JsonElement))
        {
            // The handler judges the shape of a document param itself, with its own message.
            return _ => { };
        }

        throw new NotSupportedException(
            $"{type.Type.Name}.{property.Name}: params of type {property.PropertyType.Name}{(required ? string.Empty : " (optional)")} have no check; add one to {nameof(RpcParamsReader<TParams>)}");
    }
}
