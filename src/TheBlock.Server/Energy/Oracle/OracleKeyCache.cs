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
    private readonly ILogger _log = loggers.CreateLogger("oracle");
    private Snapshot _current = new(FrozenDictionary<string, KnownProvider>.Empty, null, null);

    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>Syncs once now; the host calls it at start so the first readings find their keys.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
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
