using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A webhook endpoint on a real loopback socket that keeps every JSON body posted to it by path, standing in for the
/// paging and ticketing systems an operator's Alertmanager notifies.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, JsonElement Body)> _received = new();

    public WebhookReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string UrlFor(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>The bodies posted to <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<JsonElement> ReceivedAt(string path) => [.. _received.Where(r => r.Path == path).Select(r => r.Body)];

    public string Describe() => _received.IsEmpty
        ? "(nothing received)"
        : string.Join('\n', _received.Select(r => $"{r.Path}: {r.Body.GetRawText()}"));

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.InputStream).ConfigureAwait(false);
                _received.Enqueue((context.Request.Url!.AbsolutePath, body.RootElement.Clone()));
                context.Response.StatusCode = 200;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
            }

            context.Response.Close();
        }
    }
}
