using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TheBlock.Server.Rpc;

/// <summary>The two halves of an ingestion role's plain HTTP endpoints (an oracle's, an emitter's): a bounded body in, a JSON answer out.</summary>
internal static class HttpJson
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var body = await RpcRequestBody.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return body?.Memory.ToArray();
    }

    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted).ConfigureAwait(false);
    }
}
