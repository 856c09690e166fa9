using System.Collections.Frozen;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Client.Rpc;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// The providers' keys, meters and statuses, synced from the node every few seconds (each sync is also this oracle's
/// heartbeat to the node). Readers see one whole snapshot, swapped atomically.
/// </summary>
public sealed partial class OracleKeyCache(RpcClient node, OracleOptions options, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    /// <summary>A provider unknown to the last sync is looked up again at most this often (a provider registered a moment ago).</summary>
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(1);

    private readonly ILogger _log = loggers.CreateLogger("oracle");
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private Snapshot _current = new(FrozenDictionary<string, KnownProvider>.Empty, null, null);

    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// Syncs again when the last sync is older than a second, for a reading whose provider it did not know; concurrent
    /// callers share one sync. A node that cannot be reached leaves the last keys in place.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (Current.SyncedAt is { } synced && time.GetUtcNow() - synced < RefreshAfter)
        {
            return;
        }

        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current.SyncedAt is not { } last || time.GetUtcNow() - last >= RefreshAfter)
            {
                await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RpcUnreachableException or RpcCallException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            KeySyncFailed(_log, ex.Message);
        }
        finally
        {
            _syncing.Release();
        }
    }

    public override void Dispose()
    {
        _syncing.Dispose();
        base.Dispose();
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _syncing.Release();
        }
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var before = Current;
        var keys = await node.CallAsync(OracleRpc.Keys, new OracleKeysParams(options.ResolvedOracleId, (ulong)before.Keys.Count, before.Height), cancellationToken).ConfigureAwait(false);
        var decoded = keys.Providers.Select(KnownProvider.From).ToFrozenDictionary(p => p.ProviderId, StringComparer.Ordinal);
        Volatile.Write(ref _current, new Snapshot(decoded, keys.Height, time.GetUtcNow()));
        if (decoded.Count != before.Keys.Count)
        {
            KeysSynced(_log, decoded.Count, keys.Height);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.KeySyncIntervalMs), time);
        do
        {
            try
            {
                await SyncAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcUnreachableException or RpcCallException or HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                KeySyncFailed(_log, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public sealed record Snapshot(FrozenDictionary<string, KnownProvider> Keys, ulong? Height, DateTimeOffset? SyncedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "KeysSynced providers={Providers} height={Height}")]
    private static partial void KeysSynced(ILogger log, int providers, ulong height);

    [LoggerMessage(Level = LogLevel.Warning, Message = "KeySyncFailed error=\"{Error}\"; keeping the last keys")]
    private static partial void KeySyncFailed(ILogger log, string error);
}
