using System.Net.Http.Headers;
using System.Text.Json;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Receipts;

/// <summary>
/// Has every emitter that synced recently clear its validation state: <c>POST {listen_url}/admin/reset-validation-state</c>
/// with the node's emitter token, all at once, each answered <c>cleared</c> (with what it cleared) or
/// <c>unreachable</c> (with why). Safe at any time: the chain's own duplicate check is authoritative.
/// </summary>
public sealed class ValidationStateResetter : IDisposable
{
    public const string ResetPath = "/admin/reset-validation-state";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private readonly EmitterRegistry _emitters;
    private readonly NodeOptions _options;
    private readonly ILogger _log;
    private readonly HttpClient _http;

    public ValidationStateResetter(EmitterRegistry emitters, NodeOptions options, ILoggerFactory loggers, HttpMessageHandler? handler = null)
    {
        _emitters = emitters;
        _options = options;
        _log = loggers.CreateLogger(ReceiptsLog.Category);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = CallTimeout;
    }

    public async Task<ValidationStateReset> ResetAsync(CancellationToken cancellationToken)
    {
        var token = ReadToken();
        var results = await Task.WhenAll(_emitters.Recent().Select(emitter => ResetOneAsync(emitter.EmitterId, emitter.ListenUrl, token, cancellationToken)));
        foreach (var result in results)
        {
            ReceiptsLog.ValidationStateReset(_log, result.EmitterId, result.Status);
        }

        return new ValidationStateReset(results);
    }

    public void Dispose() => _http.Dispose();

    private async Task<EmitterReset> ResetOneAsync(string emitterId, string listenUrl, string? token, CancellationToken cancellationToken)
    {
        var url = listenUrl.TrimEnd('/') + ResetPath;
        if (token is null)
        {
            return Unreachable(emitterId, url, "the node has no emitter token (secrets/emitter.token) to present");
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Unreachable(emitterId, url, $"the emitter answered HTTP {(int)response.StatusCode}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var cleared = await JsonSerializer.DeserializeAsync(body, EmitterJsonContext.Default.ValidationStateCleared, cancellationToken);
            return cleared is null
                ? Unreachable(emitterId, url, "the emitter answered an empty body")
                : new EmitterReset(emitterId, url, EmitterReset.ClearedStatus, cleared, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return Unreachable(emitterId, url, exception is TaskCanceledException ? $"no answer within {CallTimeout.TotalSeconds:0} s" : exception.Message);
        }
    }

    private string? ReadToken()
    {
        var path = NodeDataDirectory.TokenPath(_options.DataDir, RpcRole.Emitter);
        return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;
    }

    private static EmitterReset Unreachable(string emitterId, string url, string message) => new(emitterId, url, EmitterReset.Unreachable, null, message);
}
