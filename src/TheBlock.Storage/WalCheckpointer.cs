using Microsoft.Data.Sqlite;

namespace TheBlock.Storage;

/// <summary>
/// Copies committed WAL frames into the database file on its own thread and connection, so that committing a block
/// waits for the block's WAL write and fsync only. SQLite's automatic checkpoint, which the writer connection keeps
/// only as a fallback for when this one falls behind, would run inside the commit and, for a large block, take about
/// as long again as the WAL write (docs/BENCHMARKS.md). Crash safety does not change: a committed block is in the
/// fsync'd WAL, and SQLite redoes an interrupted checkpoint from the WAL on the next open. A checkpoint that fails is
/// reported by the next commit, before it writes anything, and then retried.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly AutoResetEvent _requested = new(initialState: false);
    private readonly Thread _thread;
    private int _disposed;
    private volatile bool _stopping;
    private Exception? _failure;

    public WalCheckpointer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _checkpoint = _connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA synchronous=FULL;";
        _checkpoint.ExecuteNonQuery();
        // PASSIVE: copy what no reader still needs, without waiting for readers or the writer.
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite checkpoint" };
        _thread.Start();
    }

    /// <summary>Asks for a checkpoint soon; requests made while one runs are served by the next one.</summary>
    public void Request() => _requested.Set();

    /// <summary>Throws (once) what the last checkpoint failed with, and asks for another.</summary>
    public void ThrowIfFailed()
    {
        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            Request();
            throw new SqliteException($"background WAL checkpoint failed: {failure.Message}", (failure as SqliteException)?.SqliteErrorCode ?? 1);
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
        _thread.Join();
        _checkpoint.Dispose();
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
                _checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                Volatile.Write(ref _failure, ex);
            }
        }
    }
}
