using TheBlock.Client.Receipts.Emitter;
using TheBlock.Client.Rpc;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The providers' keys and open agreements, synced from the node every second through <c>receipts.emitter.sync</c>
/// (each sync is also the emitter's heartbeat, and tells the node the URL to call for a validation-state reset).
/// Readers see one whole <see cref="ChainSnapshot"/>, swapped atomically. A sync records the height as the validation
/// state's last checked height.
/// </summary>
public sealed partial class EmitterChainView(
    RpcClient node, ReceiptStore store, ValidationState validation, EmitterOptions options, EmitterMetrics metrics, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    /// <summary>A receipt naming a provider or agreement the last sync did not know looks again at most this often.</summary>
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromMilliseconds(250);

    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private ChainSnapshot? _current;
    private bool _failing;

    public ChainSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Syncs now unless the last sync is fresh; concurrent callers share one sync; a node that cannot be reached leaves the last view.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (Current?.SyncedAt is { } synced && time.GetUtcNow() - synced < RefreshAfter)
        {
            return;
        }

        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current?.SyncedAt is not { } last || time.GetUtcNow() - last >= RefreshAfter)
            {
                await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsNodeAway(ex, cancellationToken))
        {
            Failed(ex);
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.SyncIntervalMs), time);
        try
        {
            do
            {
                await _syncing.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsNodeAway(ex, stoppingToken))
                {
                    Failed(ex);
                }
                finally
                {
                    _syncing.Release();
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var before = Current;
        var sync = await node.CallAsync(
            EmitterRpc.Sync, new EmitterSyncParams(options.ResolvedEmitterId, before?.Height ?? store.LastCheckedHeight(), options.ResolvedAdvertisedUrl, EmitterSyncParams.RefusalsOf(metrics.Refusals.Snapshot())), cancellationToken).ConfigureAwait(false);
        var snapshot = Adopt(sync);
        validation.ViewAt(snapshot.Height);
        if (before?.Height != snapshot.Height)
        {
            store.SetLastCheckedHeight(snapshot.Height);
        }

        if (_failing || before is null || before.Providers.Count != snapshot.Providers.Count || before.Agreements.Count != snapshot.Agreements.Count)
        {
            _failing = false;
            Synced(_log, snapshot.Height, snapshot.Providers.Count, snapshot.Agreements.Count);
        }
    }

    /// <summary>Makes <paramref name="sync"/> the view receipts are checked against (tests hand it one directly).</summary>
    internal ChainSnapshot Adopt(EmitterSyncResult sync)
    {
        var snapshot = ChainSnapshot.From(sync, time.GetUtcNow());
        Volatile.Write(ref _current, snapshot);
        return snapshot;
    }

    private void Failed(Exception ex)
    {
        // Logged when the node goes away, not every second while it stays away.
        if (!_failing)
        {
            _failing = true;
            SyncFailed(_log, ex.Message);
        }
    }

    private static bool IsNodeAway(Exception ex, CancellationToken cancellationToken) =>
        ex is RpcUnreachableException or RpcCallException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "EmitterSynced height={Height} providers={Providers} agreements={Agreements}")]
    private static partial void Synced(ILogger log, ulong height, int providers, int agreements);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EmitterSyncFailed error={Error} kept=last_sync")]
    private static partial void SyncFailed(ILogger log, string error);
}
