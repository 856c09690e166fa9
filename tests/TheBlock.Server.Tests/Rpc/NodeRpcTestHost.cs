using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TheBlock.Client;
using TheBlock.Protocol.Crypto;
using TheBlock.Server.Commands;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>
/// The node exactly as <see cref="NodeHost"/> builds it (every subsystem's methods, the real tokens, Kestrel on free
/// loopback ports) over a fresh devnet chain in a temp directory, so tests see the method set a real node serves.
/// </summary>
internal sealed class NodeRpcTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeRpcTestHost(WebApplication app, string dataDir, HttpClient client, byte[] funded, string metricsListen)
    {
        _app = app;
        DataDir = dataDir;
        Client = client;
        FundedSeed = funded;
        MetricsUrl = new Uri($"http://{metricsListen}{NodeHost.MetricsPath}");
    }

    public string DataDir { get; }

    public HttpClient Client { get; }

    /// <summary>The seed of a dev account the genesis funds.</summary>
    public byte[] FundedSeed { get; }

    /// <summary>Where the node serves its Prometheus metrics.</summary>
    public Uri MetricsUrl { get; }

    public RpcDispatcher Dispatcher => _app.Services.GetRequiredService<RpcDispatcher>();

    public IServiceProvider Services => _app.Services;

    public string AdminToken => File.ReadAllText(NodeDataDirectory.TokenPath(DataDir, RpcRole.Admin)).Trim();

    public string TokenOf(RpcRole role) => File.ReadAllText(NodeDataDirectory.TokenPath(DataDir, role)).Trim();

    public static Task<NodeRpcTestHost> StartAsync() => StartAsync(DevnetGenesis.ChainId);

    /// <param name="chainId">the genesis's chain id: the devnet's by default, another for what only a devnet allows.</param>
    public static async Task<NodeRpcTestHost> StartAsync(string chainId)
    {
        var dataDir = Directory.CreateTempSubdirectory("theblock-node-rpc-").FullName;
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(dataDir));
        var funded = KeyFile.Generate(Path.Combine(dataDir, "keys", "dev-1.key"));
        using (var validator = SigningKey.FromSeed(validatorSeed))
        using (var dev = SigningKey.FromSeed(funded))
        {
            var genesis = DevnetGenesis.Create(
                validator.PublicKey, [dev.Address], 10, 100, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) with { ChainId = chainId };
            ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        }

        var options = new NodeOptions
        {
            DataDir = dataDir,
            NodeId = "rpc-test-node",
            RpcListen = $"127.0.0.1:{FreePort()}",
            MetricsListen = $"127.0.0.1:{FreePort()}",
            BlockIntervalMs = 100,
        };
        WebApplication app = NodeHost.Build(options, ServerRoles.Available);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri($"http://{options.RpcListen}"), Timeout = TimeSpan.FromSeconds(30) };
        return new NodeRpcTestHost(app, dataDir, client, funded, options.MetricsListen);
    }

    /// <summary>Posts one call and returns its answer; <paramref name="token"/> null sends no Authorization header.</summary>
    public async Task<JsonElement> CallAsync(string method, string paramsJson = "{}", string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, NodeHost.RpcPath)
        {
            Content = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{paramsJson}}}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method}: HTTP {(int)response.StatusCode}: {text}");
        return JsonElement.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being flushed; the temp directory is cleaned by the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
