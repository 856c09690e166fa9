using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>Refusals are answered one by one but logged in aggregate, so a flood of them cannot flood node.log.</summary>
public sealed class RpcRefusalLoggingTests
{
    private const string Increment = """{"jsonrpc":"2.0","id":1,"method":"test.counter.increment"}""";

    [Fact]
    public async Task A_flood_of_unauthorized_calls_logs_one_line_not_one_per_refusal()
    {
        var time = new FakeTimeProvider();
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { RateLimitPerSecond = 0 }, time);

        for (int i = 0; i < 500; i++)
        {
            RpcAssert.Error(await server.CallAsync(Increment, i % 2 == 0 ? null : "wrong-token"), RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
        }

        CapturedLog only = Assert.Single(server.Logger.Entries);
        Assert.Equal(LogLevel.Warning, only.Level);
        Assert.StartsWith("RpcUnauthorized method=test.counter.increment remote=", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_not_logged_are_counted_in_one_line_when_the_next_window_starts()
    {
        var time = new FakeTimeProvider();
        await using RpcTestServer server = await RpcTestServer.StartAsync(new RpcOptions { RateLimitPerSecond = 0 }, time);
        for (int i = 0; i < 300; i++)
        {
            await server.CallAsync(Increment);
        }

        time.Advance(RpcRefusalLog.Window);
        await server.CallAsync(Increment);

        Assert.Equal(
            ["RpcUnauthorized", "RpcRefusalsNotLogged", "RpcUnauthorized"],
            server.Logger.Entries.Select(entry => entry.EventName));
        Assert.Equal("RpcRefusalsNotLogged refusals=unauthorized:299 window_seconds=60", server.Logger.Entries[1].Message);
    }

    [Fact]
    public void Refusals_from_many_clients_log_at_most_the_window_cap_and_one_summary()
    {
        var time = new FakeTimeProvider();
        var logger = new CapturingLogger();
        var refusals = new RpcRefusalLog(logger, time);
        int ownLines = 0;

        for (int i = 0; i < 10_000; i++)
        {
            var client = new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);
            if (refusals.ShouldLog(i % 3 == 0 ? CoreReasonRegistry.BatchTooLarge : CoreReasonRegistry.Unauthorized, client))
            {
                ownLines++;
            }
        }

        time.Advance(RpcRefusalLog.Window);
        Assert.True(refusals.ShouldLog(CoreReasonRegistry.Unauthorized, IPAddress.Loopback));

        Assert.Equal(RpcRefusalLog.MaxLinesPerWindow, ownLines);
        CapturedLog summary = Assert.Single(logger.Entries);
        Assert.Equal($"RpcRefusalsNotLogged refusals=batch_too_large:{3334 - 11},unauthorized:{6666 - 21} window_seconds=60", summary.Message);
    }

    [Fact]
    public void The_first_refusal_of_each_reason_from_each_client_is_logged()
    {
        var refusals = new RpcRefusalLog(new CapturingLogger(), new FakeTimeProvider());

        Assert.True(refusals.ShouldLog(CoreReasonRegistry.Unauthorized, IPAddress.Loopback));
        Assert.True(refusals.ShouldLog(CoreReasonRegistry.BatchTooLarge, IPAddress.Loopback));
        Assert.True(refusals.ShouldLog(CoreReasonRegistry.Unauthorized, IPAddress.IPv6Loopback));
        Assert.False(refusals.ShouldLog(CoreReasonRegistry.Unauthorized, IPAddress.Loopback));
    }
}
