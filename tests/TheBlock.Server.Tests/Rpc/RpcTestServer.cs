using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>A real Kestrel on a free loopback port serving <see cref="TestMethods"/>, one per test, torn down after it.</summary>
internal sealed class RpcTestServer : IAsyncDisposable
{
    public const string AdminToken = "admin-secret-token-0123456789";
    public const string OracleToken = "oracle-secret-token-0123456789";

    private readonly WebApplication _app;

    private RpcTestServer(WebApplication app, HttpClient client, TestMethods methods, CollectorRegistry registry, CapturingLogger logger)
    {
        _app = app;
        Client = client;
        Methods = methods;
        Registry = registry;
        Logger = logger;
    }

    public HttpClient Client { get; }

    public TestMethods Methods { get; }

    public CollectorRegistry Registry { get; }

    public CapturingLogger Logger { get; }

    public static async Task<RpcTestServer> StartAsync(RpcOptions? options = null, TimeProvider? time = null)
    {
        var methods = new TestMethods();
        CollectorRegistry registry = Metrics.NewCustomRegistry();
        var logger = new CapturingLogger();
        var tokens = new RpcTokens(new Dictionary<RpcRole, string> { [RpcRole.Admin] = AdminToken, [RpcRole.Oracle] = OracleToken });
        var dispatcher = new RpcDispatcher(
            methods.All(), tokens, options ?? new RpcOptions(), Metrics.WithCustomRegistry(registry), logger, time ?? TimeProvider.System);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        // As NodeHost does: the dispatcher answers everything on its listener, 405 for other verbs included.
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new RpcTestServer(app, client, methods, registry, logger);
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? token = null) => PostAsync(new StringContent(body, Encoding.UTF8, "application/json"), token);

    public async Task<HttpResponseMessage> PostAsync(HttpContent content, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/rpc") { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Posts and parses the JSON answer, failing with the body when the status is not the expected one.</summary>
    public async Task<JsonElement> CallAsync(string body, string? token = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await PostAsync(body, token);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected HTTP {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonElement.Parse(text);
    }

    public async Task<string> ExportMetricsAsync()
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
