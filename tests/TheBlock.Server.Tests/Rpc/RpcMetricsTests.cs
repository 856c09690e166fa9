using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcMetricsTests
{
    [Fact]
    public async Task Calls_are_counted_and_timed_by_method_and_outcome_with_unknown_methods_folded()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();
        await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"a"}}""");
        await server.CallAsync("""{"jsonrpc":"2.0","id":2,"method":"test.echo","params":{"text":"b"}}""");
        await server.CallAsync("""{"jsonrpc":"2.0","id":3,"method":"test.echo","params":{}}""");
        await server.CallAsync("""{"jsonrpc":"2.0","id":4,"method":"made.up.name"}""");

        string exported = await server.ExportMetricsAsync();

        Assert.Contains("rpc_requests_total{method=\"test.echo\",outcome=\"ok\"} 2", exported, StringComparison.Ordinal);
        Assert.Contains("rpc_requests_total{method=\"test.echo\",outcome=\"error\"} 1", exported, StringComparison.Ordinal);
        Assert.Contains("rpc_requests_total{method=\"unknown\",outcome=\"error\"} 1", exported, StringComparison.Ordinal);
        Assert.Contains("rpc_request_duration_seconds_count{method=\"test.echo\"} 3", exported, StringComparison.Ordinal);
        Assert.Contains("rpc_request_duration_seconds_bucket{method=\"test.echo\",le=\"0.0005\"}", exported, StringComparison.Ordinal);
        Assert.Contains("rpc_request_duration_seconds_bucket{method=\"test.echo\",le=\"5\"}", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("made.up.name", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_registered_method_has_its_series_before_its_first_call()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        string exported = await server.ExportMetricsAsync();

        Assert.Contains("rpc_requests_total{method=\"test.counter.increment\",outcome=\"ok\"} 0", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_refused_before_dispatch_are_counted_as_unknown_errors()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { MaxRequestBytes = 64 });
        await server.CallAsync("{", expected: System.Net.HttpStatusCode.OK);
        await server.CallAsync(new string(' ', 100), expected: System.Net.HttpStatusCode.RequestEntityTooLarge);

        string exported = await server.ExportMetricsAsync();

        Assert.Contains("rpc_requests_total{method=\"unknown\",outcome=\"error\"} 2", exported, StringComparison.Ordinal);
    }
}
