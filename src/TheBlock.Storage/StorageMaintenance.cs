using Microsoft.Data.Sqlite;

namespace TheBlock.Storage;

/// <summary>
/// The work that follows a block commit, on its own thread and connection so that committing waits only for the
/// block's own WAL write and fsync: first <see cref="BlockIndexer"/> derives the lookup indexes of the new blocks, then
/// a WAL checkpoint copies committed frames into the database file. (SQLite's automatic checkpoint, which the writer
/// keeps only as a fallback for when this falls behind, would run inside the commit and, for a large block, take
/// about as long again as the WAL write: docs/BENCHMARKS.md.) Crash safety does not change: a committed block is in
/// the fsync'd WAL, SQLite redoes an interrupted checkpoint on the next open, and indexing resumes at its watermark.
/// A failure is reported by the next commit, before it writes anything, and the work is retried.
/// </summary>
internal sealed class StorageMaintenance : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly BlockIndexer _indexer;
    private readonly SqliteCommand _checkpoint;
    private readonly AutoResetEvent _requested = new(initialState: false);
    private readonly Thread? _thread;
    private readonly object _running = new();
    private int _disposed;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="inBackground">false runs nothing on its own: only <see cref="RunNow"/> does the work (tests).</param>
    public StorageMaintenance(string connectionString, bool inBackground)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        _indexer = new BlockIndexer(_connection);
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

    /// <summary>Throws (once) what the last round failed with, and asks for another.</summary>
    public void ThrowIfFailed()
    {
        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            Request();
            throw new SqliteException($"background indexing or WAL checkpoint failed: {failure.Message}", (failure as SqliteException)?.SqliteErrorCode ?? 1);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping = true;
        _requested.Set();
        _thread?.Join();
        _checkpoint.Dispose();
        _indexer.Dispose();
        _connection.Dispose();
        _requested.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _requested.WaitOne();
            if (_stopping)
            {
                return;
            }

            try
            {
                RunNow();
            }
            catch (Exception ex) when (ex is SqliteException or FormatException)
            {
                Volatile.Write(ref _failure, ex);
            }
        }
    }
}
