namespace TheBlock.Server.Devnet;

/// <summary>A started host that, when disposed, stops gracefully first (hosted services finish their work) and then releases it.</summary>
public sealed class RunningHost(WebApplication app) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
