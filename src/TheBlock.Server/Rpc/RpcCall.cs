using System.Text.Json;

namespace TheBlock.Server.Rpc;

/// <summary>One request object of a single call or a batch, checked against JSON-RPC 2.0 but not yet dispatched.</summary>
internal readonly struct RpcCall
{
    private RpcCall(JsonElement id, bool hasId, string? method, JsonElement parameters, bool positionalParams, RpcError? envelopeError)
    {
        Id = id;
        HasId = hasId;
        Method = method;
        Params = parameters;
        HasPositionalParams = positionalParams;
        EnvelopeError = envelopeError;
    }

    /// <summary>The id exactly as sent (string, number or null) when <see cref="HasId"/>; answered as null otherwise.</summary>
    public JsonElement Id { get; }

    public bool HasId { get; }

    public string? Method { get; }

    public JsonElement Params { get; }

    public bool HasPositionalParams { get; }

    /// <summary>Why the object is not a valid request; such an object is answered even without an id.</summary>
    public RpcError? EnvelopeError { get; }

    /// <summary>A valid request without an id: it runs, and nothing is answered.</summary>
    public bool IsNotification => !HasId && EnvelopeError is null;

    public static RpcCall Parse(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return Invalid(default, hasId: false, null, "request must be a JSON object");
        }

        JsonElement id = default;
        bool hasId = false;
        if (request.TryGetProperty("id"u8, out JsonElement idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                return Invalid(default, hasId: false, null, "id must be a string, a number or null");
            }

            (id, hasId) = (idElement, true);
        }

        string? method = request.TryGetProperty("method"u8, out JsonElement methodElement) && methodElement.TryGetValidString(out string? name)
            ? name
            : null;

        if (!request.TryGetProperty("jsonrpc"u8, out JsonElement version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
        {
            return Invalid(id, hasId, method, "jsonrpc must be \"2.0\"");
        }

        if (method is null)
        {
            return Invalid(id, hasId, null, "method must be a string");
        }

        JsonElement parameters = default;
        bool positional = false;
        if (request.TryGetProperty("params"u8, out JsonElement paramsElement))
        {
            switch (paramsElement.ValueKind)
            {
                case JsonValueKind.Object:
                    parameters = paramsElement;
                    break;
                case JsonValueKind.Array:
                    positional = true;
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return Invalid(id, hasId, method, "params must be an object of named parameters");
            }
        }

        return new RpcCall(id, hasId, method, parameters, positional, null);
    }

    public static RpcCall Invalid(RpcError error) => new(default, false, null, default, false, error);

    private static RpcCall Invalid(JsonElement id, bool hasId, string? method, string message) =>
        new(id, hasId, method, default, false, RpcProtocolErrors.InvalidRequest(message));
}
