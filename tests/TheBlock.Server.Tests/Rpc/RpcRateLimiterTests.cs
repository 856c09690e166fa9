using System.Net;
using Microsoft.Extensions.Time.Testing;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcRateLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");

    [Fact]
    public void A_client_gets_twice_its_rate_as_burst_then_one_call_per_token_earned()
    {
        var time = new FakeTimeProvider();
        var limiter = new RpcRateLimiter(10, time);

        Assert.Equal(20, Enumerable.Range(0, 25).Count(_ => limiter.TryAcquire(Client)));
        Assert.False(limiter.HasCapacity(Client));

        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire(Client)));
    }

    [Fact]
    public void Fractions_of_a_token_add_up_across_calls()
    {
        var time = new FakeTimeProvider();
        var limiter = new RpcRateLimiter(2, time);
        while (limiter.TryAcquire(Client))
        {
        }

        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(limiter.TryAcquire(Client));
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(limiter.TryAcquire(Client));
        Assert.False(limiter.TryAcquire(Client));
    }

    [Fact]
    public void Idle_time_refills_at_most_the_burst()
    {
        var time = new FakeTimeProvider();
        var limiter = new RpcRateLimiter(3, time);
        limiter.TryAcquire(Client);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(6, Enumerable.Range(0, 10).Count(_ => limiter.TryAcquire(Client)));
    }

    [Fact]
    public void Clients_have_their_own_buckets_and_a_mapped_ipv4_is_the_same_client()
    {
        var time = new FakeTimeProvider();
        var limiter = new RpcRateLimiter(1, time);

        Assert.True(limiter.TryAcquire(Client));
        Assert.True(limiter.TryAcquire(Client.MapToIPv6()));
        Assert.False(limiter.TryAcquire(Client));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("192.0.2.8")));
    }

    [Fact]
    public void Buckets_of_idle_clients_are_dropped_once_many_clients_are_tracked()
    {
        var time = new FakeTimeProvider();
        var limiter = new RpcRateLimiter(5, time);
        var clients = Enumerable.Range(0, 5000).Select(i => new IPAddress([10, 0, (byte)(i >> 8), (byte)i])).ToList();
        clients.ForEach(client => limiter.TryAcquire(client));
        Assert.Equal(5000, limiter.TrackedClients);

        time.Advance(TimeSpan.FromSeconds(3));
        limiter.TryAcquire(Client);

        Assert.Equal(1, limiter.TrackedClients);
    }

    [Fact]
    public void A_rate_of_zero_admits_everything()
    {
        var limiter = new RpcRateLimiter(0, new FakeTimeProvider());

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(limiter.TryAcquire(Client)));
    }
}
