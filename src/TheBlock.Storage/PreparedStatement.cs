using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TheBlock.Storage;

/// <summary>
/// A statement compiled once on the writer connection and executed once per row, its parameters bound by position,
/// inside whatever transaction the connection has open. The block-commit path uses it instead of
/// <see cref="SqliteCommand"/>, whose per-execution cost (boxing every value, finding each parameter by name, a data
/// reader per call) was about a third of the time of a block's 15,000+ row inserts (docs/BENCHMARKS.md).
/// Failures are <see cref="SqliteException"/>s, as from a command.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private const int MaxStackTextBytes = 512;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public PreparedStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("prepare statements on an open connection");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>Parameters are numbered from 1, in the order they appear in the SQL.</summary>
    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    /// <summary>Binds a BLOB; SQLite copies the bytes, so a stack buffer is fine.</summary>
    public void Bind(int position, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, position, value));

    /// <summary>Binds TEXT already encoded as UTF-8.</summary>
    public void BindUtf8(int position, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(_statement, position, value));

    /// <summary>Binds TEXT, or NULL for a null string, without allocating for short strings.</summary>
    public void Bind(int position, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, position));
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> buffer = length <= MaxStackTextBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(value, buffer);
        BindUtf8(position, buffer);
    }

    public void BindNull(int position) => Check(raw.sqlite3_bind_null(_statement, position));

    /// <summary>Runs the statement once and readies it for the next row.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        try
        {
            if (result != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(result, _database);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement once and returns how many rows it changed.</summary>
    public int ExecuteCountingChanges()
    {
        Execute();
        return raw.sqlite3_changes(_database);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }
}
