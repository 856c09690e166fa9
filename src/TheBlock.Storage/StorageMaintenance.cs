using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Modules;

namespace TheBlock.Storage;

/// <summary>
/// The work that follows a block commit, on its own thread and connection so that committing waits only for the
/// block's own WAL write and fsync: first <see cref="BlockIndexer"/> derives the lookup indexes of the new blocks, then
/// a WAL checkpoint copies committed frames into the database file. (SQLite's automatic checkpoint, which the writer
/// keeps only as a fallback for when this falls behind, would run inside the commit and, for a large block, take
/// about as long again as the WAL write: docs/BENCHMARKS.md.) Crash safety does not change: a committed block is in
/// the fsync'd WAL, SQLite redoes an interrupted checkpoint on the next open, and indexing resumes at its watermark.
/// The indexes are derived data, so a failed round never reaches a commit: it is reported (<see cref="MaintenanceFailure"/>)
/// and retried after a backoff that doubles from <see cref="FirstRetryDelay"/> up to <see cref="MaxRetryDelay"/>, until
/// a round succeeds; readers meanwhile cover the unindexed blocks from the block rows.
/// </summary>
internal sealed class StorageMaintenance : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly BlockIndexer _indexer;
    private readonly SqliteCommand _checkpoint;
    private readonly AutoResetEvent _requested = new(initialState: false);
    private readonly ManualResetEventSlim _stopped = new(initialState: false);
    private readonly AutoResetEvent _retryDue = new(initialState: false);
    private readonly TimeProvider _time;
    private readonly Action<MaintenanceFailure>? _onFailure;
    private readonly Thread? _thread;
    private readonly object _running = new();
    private int _disposed;
    private volatile bool _stopping;

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <param name="inBackground">false runs nothing on its own: only <see cref="RunNow"/> does the work (tests).</param>
    /// <param name="onFailure">told about every failed background round, on the maintenance thread; must be quick.</param>
    /// <param name="time">the clock the retry backoff waits on.</param>
    public StorageMaintenance(string connectionString, ChainModules modules, bool inBackground, Action<MaintenanceFailure>? onFailure, TimeProvider time)
    {
        _onFailure = onFailure;
        _time = time;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        _indexer = new BlockIndexer(_connection, modules);
        _checkpoint = _connection.CreateCommand();
        // PASSIVE: copy what no reader still needs, without waiting for readers or the writer.
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        if (inBackground)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "sqlite maintenance" };
            _thread.Start();
        }
    }

    /// <summary>Asks for maintenance soon; requests made while it runs are served by the next round.</summary>
    public void Request() => _requested.Set();

    /// <summary>Indexes every pending block and checkpoints, on the calling thread; returns the blocks indexed.</summary>
    public int RunNow()
    {
        lock (_running)
        {
            var indexed = _indexer.IndexPending(() => _stopping);
            _checkpoint.ExecuteNonQuery();
            return indexed;
        }
    }

    /// <summary>The wait before retry number <paramref name="consecutiveFailures"/>: doubling, capped.</summary>
    public static TimeSpan RetryDelay(int consecutiveFailures)
    {
        var doublings = Math.Min(consecutiveFailures - 1, 16);
        var delay = FirstRetryDelay * (1L << doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping = true;
        _stopped.Set();
        _requested.Set();
        _thread?.Join();
        _stopped.Dispose();
        _checkpoint.Dispose();
        _indexer.Dispose();
        _connection.Dispose();
        _requested.Dispose();
        _retryDue.Dispose();
    }

    private void Run()
    {
        var failures = 0;
        while (true)
        {
            // After a failure the retry is due when its backoff ends, whether or not a commit asked for a round.
            if (failures == 0)
            {
                _requested.WaitOne();
            }

            if (_stopping)
            {
                return;
            }

            try
            {
                RunNow();
                failures = 0;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever the indexer threw (I/O, a constraint, a malformed row, a bug) concerns derived data only:
                // report it and retry, never take the thread (and with it the process) down.
                failures++;
                var delay = RetryDelay(failures);
                _onFailure?.Invoke(new MaintenanceFailure(ex, failures, delay));
                using var timer = _time.CreateTimer(_ => _retryDue.Set(), null, delay, Timeout.InfiniteTimeSpan);
                if (WaitHandle.WaitAny([_stopped.WaitHandle, _retryDue]) == 0)
                {
                    return;
                }
            }
        }
    }
}
