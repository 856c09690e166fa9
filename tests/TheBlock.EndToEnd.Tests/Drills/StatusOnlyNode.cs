using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// A node of another chain on a real socket that answers <c>node.status</c> (with its chain id) and nothing else, and
/// records every method it is asked, so a test sees that a refused drill sent nothing that could change a chain.
/// </summary>
public sealed class StatusOnlyNode : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _chainId;

    public StatusOnlyNode(string chainId)
    {
        _chainId = chainId;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string RpcUrl => $"http://127.0.0.1:{Port}/rpc";

    public ConcurrentQueue<string> Methods { get; } = new();

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var request = await JsonDocument.ParseAsync(context.Request.InputStream);
            var method = request.RootElement.GetProperty("method").GetString() ?? "";
            Methods.Enqueue(method);
            var id = request.RootElement.GetProperty("id").GetRawText();
            var body = method == "node.status"
                ? $$$"""{"jsonrpc":"2.0","id":{{{id}}},"result":{"node_id":"node_a","chain_id":"{{{_chainId}}}","version":"test","current_block_height":5,"current_epoch":0,"epoch_length":120,"last_block_at":0,"last_block_hash":"00","state_root":"00","roles":["node"],"genesis_hash":"00","block_interval_ms":1000,"mempool_transactions":0}}"""
                : $$$$"""{"jsonrpc":"2.0","id":{{{{id}}}},"error":{"code":-32601,"message":"not served by this test node","data":{"reason":"method_not_found"}}}""";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
