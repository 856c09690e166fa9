using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage;

/// <summary>
/// The chain's SQLite database (WAL, synchronous=FULL). One writer connection commits each block, with everything it
/// changed, in exactly one transaction: after a crash the database holds the previous block or the new one, never
/// a part. Reads (<see cref="Reader"/>) use their own pooled connections and see only committed blocks.
/// Deriving the lookup indexes and WAL checkpoints run in the background (<see cref="StorageMaintenance"/>), off the
/// commit path.
/// </summary>
public sealed class ChainDatabase : IDisposable
{
    private const string GenesisKey = "genesis";
    private const string SchemaVersionKey = "schema_version";
    private const int WriterCacheKib = 16 * 1024;
    private const int WalCheckpointFallbackPages = 8192;

    private readonly SqliteConnection _writer;
    private readonly BlockWriter _blockWriter;
    private readonly StorageMaintenance _maintenance;

    private ChainDatabase(string path, SqliteConnection writer, StorageModules modules, bool maintainInBackground, Action<MaintenanceFailure>? onMaintenanceFailure, TimeProvider time)
    {
        Path = path;
        Modules = modules;
        _writer = writer;
        _blockWriter = new BlockWriter(writer, modules);
        try
        {
            _maintenance = new StorageMaintenance(ConnectionString(path, readOnly: false), modules.Chain, maintainInBackground, onMaintenanceFailure, time);
        }
        catch
        {
            _blockWriter.Dispose();
            throw;
        }

        Reader = new ChainReader(ConnectionString(path, readOnly: true), modules.Chain);
    }

    public string Path { get; }

    public StorageModules Modules { get; }

    public ChainReader Reader { get; }

    /// <param name="onMaintenanceFailure">told about each failed background maintenance round (it is retried).</param>
    /// <param name="modules">the chain's modules and their tables; the standard chain's when null.</param>
    /// <param name="time">the clock background maintenance waits on between retries; the system clock when null.</param>
    public static ChainDatabase Open(string path, Action<MaintenanceFailure>? onMaintenanceFailure = null, StorageModules? modules = null, TimeProvider? time = null) =>
        Open(path, maintainInBackground: true, onMaintenanceFailure, modules, time);

    /// <summary>With <paramref name="maintainInBackground"/> false, indexes are derived only by <see cref="RunMaintenance"/>.</summary>
    internal static ChainDatabase Open(string path, bool maintainInBackground, Action<MaintenanceFailure>? onMaintenanceFailure = null, StorageModules? modules = null, TimeProvider? time = null)
    {
        modules ??= StandardStorage.Modules;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(ConnectionString(path, readOnly: false));
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
            // The writer's page cache holds a large block's working set (the default 2 MiB spills a 5,000-transfer
            // block's dirty pages to the WAL before commit). Checkpoints run in the background; the writer checkpoints
            // itself only when they fall behind (blocks committed back to back), which bounds the WAL.
            Execute(connection, $"PRAGMA cache_size=-{WriterCacheKib}; PRAGMA wal_autocheckpoint={WalCheckpointFallbackPages};");
            CheckSchemaVersion(connection, path, SchemaVersionKey, Schema.Version, "chain");
            foreach (var tables in modules.Tables)
            {
                CheckSchemaVersion(connection, path, ModuleSchemaVersionKey(tables.Module), tables.SchemaVersion, $"{tables.Module} module");
            }

            Execute(connection, Schema.Create);
            foreach (var tables in modules.Tables)
            {
                Execute(connection, tables.CreateSql);
            }

            var database = new ChainDatabase(path, connection, modules, maintainInBackground, onMaintenanceFailure, time ?? TimeProvider.System);
            database._maintenance.Request();
            return database;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StateCorruptedException($"cannot open chain database {path}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public bool IsInitialized => ReadMeta(GenesisKey) is not null;

    public byte[] GenesisJson => ReadMeta(GenesisKey) ?? throw new InvalidOperationException("the chain database has no genesis yet");

    /// <summary>Stores the genesis file and block 0 together, so a half-initialized chain cannot exist.</summary>
    public void Initialize(byte[] genesisJson, BlockEffects genesisBlock)
    {
        using (var transaction = _writer.BeginTransaction())
        {
            WriteMeta(transaction, GenesisKey, genesisJson);
            WriteMeta(transaction, SchemaVersionKey, BitConverter.GetBytes(Schema.Version));
            foreach (var tables in Modules.Tables)
            {
                WriteMeta(transaction, ModuleSchemaVersionKey(tables.Module), BitConverter.GetBytes(tables.SchemaVersion));
            }

            _blockWriter.Write(transaction, genesisBlock);
            transaction.Commit();
        }

        _maintenance.Request();
    }

    /// <summary>Durably commits one block and everything it changed; returns only once it is on disk.</summary>
    public void CommitBlock(BlockEffects effects)
    {
        using (var transaction = _writer.BeginTransaction())
        {
            _blockWriter.Write(transaction, effects);
            transaction.Commit();
        }

        _maintenance.Request();
    }

    /// <summary>
    /// Loads the state after the last committed block and proves it: the accumulator recomputed from every stored row
    /// must give the state root that block's header carries. A mismatch names the height and both roots.
    /// </summary>
    public ChainState LoadState(Genesis genesis)
    {
        try
        {
            var head = Reader.GetHead() ?? throw new StateCorruptedException("the chain database has a genesis but no blocks");
            var state = ChainState.Restore(
                genesis,
                Modules.Chain,
                head.Height,
                head.Block.Hash,
                head.TimeMs,
                Reader.ReadAllAccounts(),
                Reader.ReadTreasury(),
                Reader.ReadSupply(),
                Reader.ReadSystemBalances(),
                Reader.ReadModuleState());
            if (state.StateRoot != head.Block.Header.StateRoot)
            {
                throw new StateCorruptedException(
                    $"state root mismatch at height {head.Height}: block header has {head.Block.Header.StateRoot}, stored state gives {state.StateRoot}");
            }

            state.VerifyConservation();
            foreach (var tables in Modules.Tables)
            {
                tables.Verify(_writer, state);
            }

            return state;
        }
        catch (SqliteException ex)
        {
            throw new StateCorruptedException($"chain database {Path} is unreadable: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new StateCorruptedException($"chain database {Path} holds a malformed block: {ex.Message}", ex);
        }
    }

    /// <summary>Derives the indexes of every block committed so far and checkpoints, on the calling thread.</summary>
    internal int RunMaintenance() => _maintenance.RunNow();

    public void Dispose()
    {
        _maintenance.Dispose();
        _blockWriter.Dispose();
        _writer.Dispose();
    }

    internal static string ConnectionString(string path, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private static string ModuleSchemaVersionKey(string module) => $"{SchemaVersionKey}:{module}";

    /// <summary>A database written by another schema version (of the core or of a module's tables) is refused before anything touches it.</summary>
    private static void CheckSchemaVersion(SqliteConnection connection, string path, string key, int version, string what)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        byte[]? stored;
        try
        {
            stored = command.ExecuteScalar() as byte[];
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return;
        }

        if (stored is not null && (stored.Length != sizeof(int) || BitConverter.ToInt32(stored) != version))
        {
            var found = stored.Length == sizeof(int) ? BitConverter.ToInt32(stored).ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
            throw new StateCorruptedException(
                $"chain database {path} has {what} schema version {found}; this build reads version {version}. Start from a new data directory (devnet: remove it) or use the build that wrote it.");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private byte[]? ReadMeta(string key)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as byte[];
    }

    private void WriteMeta(SqliteTransaction transaction, string key, byte[] value)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }
}
