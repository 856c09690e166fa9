using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Tests;

public sealed class RpcClientTests
{
    [Fact]
    public async Task A_result_comes_back_raw_and_typed()
    {
        await using var server = await OneShotServer.StartAsync("""{"jsonrpc":"2.0","id":1,"result":{"tx_hash":"ab","status":"pending"}}""");
        using var client = new RpcClient(server.Url, "secret");

        var submitted = await client.CallAsync("tx.submit", new JsonObject { ["tx"] = "00" }, CoreJsonContext.Default.TransactionSubmitted);

        Assert.Equal(new TransactionSubmitted("ab", "pending"), submitted);
        Assert.Contains("\"method\":\"tx.submit\"", server.Request, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer secret", server.Request, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_error_answer_carries_code_reason_and_message()
    {
        await using var server = await OneShotServer.StartAsync("""{"jsonrpc":"2.0","id":1,"error":{"code":-32011,"message":"nonce 3 was already used","data":{"reason":"nonce_replay"}}}""");
        using var client = new RpcClient(server.Url, null);

        var error = await Assert.ThrowsAsync<RpcCallException>(() => client.CallAsync("tx.submit", null));

        Assert.Equal((-32011, "nonce_replay", "nonce 3 was already used"), (error.Code, error.Reason, error.Message));
    }

    [Fact]
    public async Task An_answer_that_is_not_json_rpc_is_unreachable()
    {
        await using var server = await OneShotServer.StartAsync("<html>proxy error</html>");
        using var client = new RpcClient(server.Url, null);

        await Assert.ThrowsAsync<RpcUnreachableException>(() => client.CallAsync("node.status", null));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_naming_the_endpoint()
    {
        using var client = new RpcClient(new Uri($"http://127.0.0.1:{ClosedPort()}/rpc"), null);

        var error = await Assert.ThrowsAsync<RpcUnreachableException>(() => client.CallAsync("node.status", null));

        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_wins_over_the_default_endpoint()
    {
        Assert.Equal("http://10.0.0.1:9/rpc", RpcEndpoint.ResolveUrl("http://10.0.0.1:9/rpc"));
        Assert.Equal("explicit", RpcEndpoint.ResolveToken(" explicit "));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers one HTTP request with a fixed body and remembers the request text.</summary>
    private sealed class OneShotServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;

        private OneShotServer(TcpListener listener, string body)
        {
            _listener = listener;
            _serving = ServeAsync(body);
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/rpc");

        public string Request { get; private set; } = string.Empty;

        public static Task<OneShotServer> StartAsync(string body)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new OneShotServer(listener, body));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _serving;
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private async Task ServeAsync(string body)
        {
            using var socket = await _listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var buffer = new byte[64 * 1024];
            var received = new StringBuilder();
            while (!HasWholeRequest(received.ToString()))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            Request = received.ToString();
            var payload = Encoding.UTF8.GetBytes(body);
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head);
            await stream.WriteAsync(payload);
        }

        private static bool HasWholeRequest(string text)
        {
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            var lengthLine = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= length;
        }
    }
}
