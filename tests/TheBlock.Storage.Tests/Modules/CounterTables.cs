using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Tests.Modules;

/// <summary>The toy module's query table: one row per increment, fed from its events in the block's commit.</summary>
public sealed class CounterTables : IModuleTables
{
    public string Module => "counter";

    public int SchemaVersion => 1;

    public string CreateSql => """
        CREATE TABLE IF NOT EXISTS counter_log (
            height INTEGER NOT NULL,
            by     INTEGER NOT NULL,
            total  INTEGER PRIMARY KEY
        );
        """;

    public IModuleTableWriter CreateWriter(SqliteConnection connection) => new Writer(connection);

    public void Verify(SqliteConnection connection, IStateReader state)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(total), 0) FROM counter_log";
        var logged = (ulong)(long)command.ExecuteScalar()!;
        if (logged != CounterModule.Read(state, CounterModule.CountKey))
        {
            throw new StateCorruptedException($"counter_log reaches {logged} but the count is {CounterModule.Read(state, CounterModule.CountKey)}");
        }
    }

    private sealed class Writer(SqliteConnection connection) : IModuleTableWriter
    {
        public void Write(SqliteTransaction transaction, BlockEffects effects)
        {
            foreach (var emitted in effects.Events)
            {
                if (emitted.Event is CounterIncremented incremented)
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO counter_log (height, by, total) VALUES ($height, $by, $total)";
                    command.Parameters.AddWithValue("$height", (long)effects.Block.Height);
                    command.Parameters.AddWithValue("$by", (long)incremented.By);
                    command.Parameters.AddWithValue("$total", (long)incremented.Total);
                    command.ExecuteNonQuery();
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
