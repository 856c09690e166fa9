using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace TheBlock.Client.Rpc;

/// <summary>
/// A JSON-RPC 2.0 client for the node. <see cref="CallAsync"/> returns the raw <c>result</c> (contract-cli prints it
/// unchanged); <see cref="CallAsync{TParams, TResult}"/> goes through a module's typed contract.
/// </summary>
public sealed class RpcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _token;
    private long _nextId;

    public RpcClient(Uri endpoint, string? token, TimeSpan? timeout = null)
    {
        _endpoint = endpoint;
        _token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public Uri Endpoint => _endpoint;

    /// <summary>Calls <paramref name="contract"/>'s method and reads its result with the contract's metadata.</summary>
    public async Task<TResult> CallAsync<TParams, TResult>(RpcContract<TParams, TResult> contract, TParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var result = await CallRawAsync(contract, parameters, cancellationToken).ConfigureAwait(false);
        return result.Deserialize(contract.ResultType) ?? throw new RpcUnreachableException($"{contract.Method} returned null");
    }

    /// <summary>Calls <paramref name="contract"/>'s method and returns its <c>result</c> unchanged, for printing as the node sent it.</summary>
    public Task<JsonElement> CallRawAsync<TParams, TResult>(RpcContract<TParams, TResult> contract, TParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var encoded = JsonSerializer.SerializeToNode(parameters, contract.ParamsType) as JsonObject;
        return CallAsync(contract.Method, encoded, cancellationToken);
    }

    public async Task<T> CallAsync<T>(string method, JsonObject? parameters, JsonTypeInfo<T> resultType, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        return result.Deserialize(resultType) ?? throw new RpcUnreachableException($"{method} returned null");
    }

    public async Task<JsonElement> CallAsync(string method, JsonObject? parameters, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = parameters ?? [],
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (_token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        string body;
        try
        {
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new RpcUnreachableException($"cannot reach {_endpoint}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcUnreachableException($"{_endpoint} did not answer within {_http.Timeout.TotalSeconds:0} s", ex);
        }

        return ParseResponse(body);
    }

    public void Dispose() => _http.Dispose();

    private JsonElement ParseResponse(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new RpcUnreachableException($"{_endpoint} did not answer with JSON-RPC", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RpcUnreachableException($"{_endpoint} did not answer with a JSON-RPC response object");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                var text = error.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                var reason = error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("reason", out var r) ? r.GetString() ?? "unknown" : "unknown";
                throw new RpcCallException(code, reason, text);
            }

            if (!root.TryGetProperty("result", out var result))
            {
                throw new RpcUnreachableException($"{_endpoint} answered without a result");
            }

            return result.Clone();
        }
    }
}
