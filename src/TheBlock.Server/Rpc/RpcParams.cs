using System.Text.Json;

namespace TheBlock.Server.Rpc;

/// <summary>
/// A call's named params. A getter that cannot give what the handler asked for ends the call with invalid_params
/// (-32602) and a message naming the param and what was expected; the handler sees only good values.
/// An absent param and a param that is JSON null mean the same thing.
/// </summary>
public sealed class RpcParams
{
    private const int MaxEchoedChars = 40;

    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    /// <param name="raw">A JSON object, or null/undefined for no params.</param>
    public RpcParams(JsonElement raw)
    {
        Raw = raw.ValueKind switch
        {
            JsonValueKind.Object => raw,
            JsonValueKind.Undefined or JsonValueKind.Null => EmptyObject,
            _ => throw new ArgumentException($"params must be a JSON object, got {raw.ValueKind}", nameof(raw)),
        };
    }

    /// <summary>The params object. It borrows the request's buffer: valid only while the handler runs.</summary>
    public JsonElement Raw { get; }

    /// <summary>True when the param is present and not null.</summary>
    public bool Has(string name) => TryGet(name, out _);

    public string GetString(string name) =>
        TryGet(name, out JsonElement value) ? ReadString(name, value) : throw Missing(name, "a string");

    public string? GetOptionalString(string name) =>
        TryGet(name, out JsonElement value) ? ReadString(name, value) : null;

    public ulong GetUInt64(string name) =>
        TryGet(name, out JsonElement value) ? ReadUInt64(name, value) : throw Missing(name, "a non-negative integer");

    public ulong? GetOptionalUInt64(string name) =>
        TryGet(name, out JsonElement value) ? ReadUInt64(name, value) : null;

    public long GetInt64(string name) =>
        TryGet(name, out JsonElement value) ? ReadInt64(name, value) : throw Missing(name, "an integer");

    /// <summary>An array of strings (each element checked like a string param).</summary>
    public IReadOnlyList<string> GetStrings(string name)
    {
        if (!TryGet(name, out JsonElement value))
        {
            throw Missing(name, "an array of strings");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array of strings", value);
        }

        return [.. value.EnumerateArray().Select(element => ReadString(name, element))];
    }

    public bool GetOptionalBool(string name, bool defaultValue)
    {
        if (!TryGet(name, out JsonElement value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "true or false", value),
        };
    }

    /// <summary>A page size: <paramref name="defaultValue"/> when absent, otherwise an integer in 1..<paramref name="max"/>.</summary>
    public int GetLimit(string name = "limit", int defaultValue = 100, int max = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultValue, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(defaultValue, max);

        if (!TryGet(name, out JsonElement value))
        {
            return defaultValue;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int limit) && limit >= 1 && limit <= max)
        {
            return limit;
        }

        throw new RpcParamsException(RpcError.InvalidParams(name, $"{name} must be between 1 and {max}"));
    }

    private bool TryGet(string name, out JsonElement value) =>
        Raw.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string ReadString(string name, JsonElement value) =>
        value.TryGetValidString(out string? text) ? text : throw WrongType(name, "a string", value);

    private static ulong ReadUInt64(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong number)
            ? number
            : throw WrongType(name, "a non-negative integer", value);

    private static long ReadInt64(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : throw WrongType(name, "an integer", value);

    private static RpcParamsException Missing(string name, string expected) =>
        new(RpcError.InvalidParams(name, $"missing required param {name} (expected {expected})"));

    private static RpcParamsException WrongType(string name, string expected, JsonElement got) =>
        new(RpcError.InvalidParams(name, $"{name} must be {expected}, got {Describe(got)}"));

    // The offending value helps the caller most, but a client-sized blob must not be reflected back whole.
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => RpcClientText.Shorten(value.GetRawText(), MaxEchoedChars),
    };
}
