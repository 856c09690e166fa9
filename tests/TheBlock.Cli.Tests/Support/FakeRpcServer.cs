using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TheBlock.Cli.Tests.Support;

/// <summary>One JSON-RPC call the fake received.</summary>
internal sealed record RecordedRequest(string Method, JsonElement Params, string? Authorization);

/// <summary>
/// A test double of the node's JSON-RPC listener on 127.0.0.1 and a free port: it records each request and answers
/// with canned results or errors per method. Only for the CLI's unit tests; the real server is tested end to end.
/// </summary>
internal sealed class FakeRpcServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _replies = new();
    private readonly Task _loop;

    public FakeRpcServer()
    {
        _listener = StartOnFreePort(out var port);
        Url = $"http://127.0.0.1:{port}/rpc";
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers <paramref name="method"/> with these results in turn; the last one repeats.</summary>
    public FakeRpcServer Reply(string method, params string[] results)
    {
        _replies[method] = new ConcurrentQueue<string>(results.Select(result => $$"""{"jsonrpc":"2.0","id":0,"result":{{result}}}"""));
        return this;
    }

    public FakeRpcServer ReplyError(string method, int code, string reason, string message)
    {
        var error = JsonSerializer.Serialize(message, TestJsonContext.Default.String);
        _replies[method] = new ConcurrentQueue<string>([$$"""{"jsonrpc":"2.0","id":0,"error":{"code":{{code}},"message":{{error}},"data":{"reason":"{{reason}}"} } }"""]);
        return this;
    }

    /// <summary>A URL on which nothing listens, for the unreachable case.</summary>
    public static string ClosedUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/rpc";
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by its listener being closed under it.
        }
    }

    private static HttpListener StartOnFreePort(out int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        using var request = JsonDocument.Parse(await reader.ReadToEndAsync());
        var method = request.RootElement.GetProperty("method").GetString() ?? string.Empty;
        _requests.Enqueue(new RecordedRequest(method, request.RootElement.GetProperty("params").Clone(), context.Request.Headers["Authorization"]));

        var body = Encoding.UTF8.GetBytes(NextReply(method));
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    private string NextReply(string method)
    {
        if (!_replies.TryGetValue(method, out var queue))
        {
            return """{"jsonrpc":"2.0","id":0,"error":{"code":-32601,"message":"method not found","data":{"reason":"method_not_found"}}}""";
        }

        if (queue.Count > 1 && queue.TryDequeue(out var next))
        {
            return next;
        }

        return queue.TryPeek(out var last) ? last : throw new InvalidOperationException($"no reply for {method}");
    }
}
