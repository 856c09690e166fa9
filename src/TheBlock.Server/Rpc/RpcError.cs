using TheBlock.Client.Core;

namespace TheBlock.Server.Rpc;

/// <summary>
/// An expected rejection, returned as a value: the JSON-RPC <paramref name="Code"/>, a snake_case
/// <paramref name="Reason"/> (the same word the metric and the log line use), and a sentence saying what was wrong
/// and what was expected. <paramref name="Details"/> become extra fields of <c>error.data</c>.
/// </summary>
/// <remarks>
/// Detail values must be types <see cref="RpcJsonContext"/> can write (strings, numbers, booleans, string and
/// integer arrays, <see cref="System.Text.Json.JsonElement"/>, nested dictionaries, null). The check runs here, in
/// the handler that builds the error, so a mistake surfaces as a logged bug instead of a half-written response.
/// </remarks>
public sealed record RpcError(int Code, string Reason, string Message, IReadOnlyDictionary<string, object?>? Details = null)
{
    private readonly IReadOnlyDictionary<string, object?>? _details = CheckDetails(Details);

    public IReadOnlyDictionary<string, object?>? Details
    {
        get => _details;
        init => _details = CheckDetails(value);
    }

    /// <summary>A param is missing, mistyped or out of range; the message names it and says what was expected.</summary>
    public static RpcError InvalidParams(string param, string message) =>
        new(RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidParams, message, new Dictionary<string, object?> { ["param"] = param });

    public static RpcError NotFound(string reason, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RpcErrorCodes.NotFound, reason, message, details);

    public static RpcError TransactionRejected(string reason, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RpcErrorCodes.TransactionRejected, reason, message, details);

    public static RpcError Unavailable(string reason, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RpcErrorCodes.Unavailable, reason, message, details);

    private static IReadOnlyDictionary<string, object?>? CheckDetails(IReadOnlyDictionary<string, object?>? details)
    {
        if (details is null)
        {
            return null;
        }

        foreach ((string key, object? value) in details)
        {
            if (key == "reason")
            {
                throw new ArgumentException("error detail \"reason\" would shadow the error's reason", nameof(details));
            }

            if (value is not null && RpcJsonContext.Default.GetTypeInfo(value.GetType()) is null)
            {
                throw new ArgumentException(
                    $"error detail \"{key}\" is a {value.GetType().Name}, which RpcJsonContext cannot write", nameof(details));
            }
        }

        return details;
    }
}
