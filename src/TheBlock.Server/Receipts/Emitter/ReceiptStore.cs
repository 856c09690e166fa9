using Microsoft.Data.Sqlite;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The emitter's SQLite database (WAL, synchronous=FULL): the queue of accepted receipts (each row stays until a
/// committed block holds it or refused it; which batch it went in is kept in memory, <see cref="SubmittedBatches"/>),
/// the validation state
/// (the duplicate-detection window and the last height checked on chain) and the recent outcomes
/// <c>GET /receipts/{id}</c> answers from. A row is in the file before its receipt is answered <c>accepted</c>, so a
/// <c>kill -9</c> loses nothing accepted. One connection behind a lock: SQLite takes one writer anyway, and
/// <see cref="ReceiptQueue"/> group-commits concurrent submissions into one transaction. The queue's <c>status</c>,
/// <c>tx_hash</c> and <c>submitted_at_ms</c> columns are what emitters before 2026-12-07 recorded of a submitted row:
/// a row is written queued (0) now, and opening a file queues again any row an older emitter left submitted.
/// </summary>
public sealed class ReceiptStore : IDisposable
{
    private const string LastCheckedHeightKey = "last_checked_height";
    private const int CacheKib = 64 * 1024;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS queue (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            receipt_id TEXT NOT NULL UNIQUE,
            market INTEGER NOT NULL,
            provider_id TEXT NOT NULL,
            nonce INTEGER NOT NULL,
            agreement_id INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            wire BLOB NOT NULL,
            status INTEGER NOT NULL,
            tx_hash TEXT,
            submitted_at_ms INTEGER,
            accepted_at_ms INTEGER NOT NULL);
        DROP INDEX IF EXISTS queue_by_status;
        DROP INDEX IF EXISTS queue_by_tx;
        UPDATE queue SET status = 0, tx_hash = NULL, submitted_at_ms = NULL WHERE status <> 0;
        CREATE TABLE IF NOT EXISTS seen (
            receipt_id TEXT PRIMARY KEY,
            market INTEGER NOT NULL,
            provider_id TEXT NOT NULL,
            nonce INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS seen_by_provider ON seen(market, provider_id, nonce);
        CREATE TABLE IF NOT EXISTS outcomes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            receipt_id TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            market INTEGER NOT NULL,
            provider_id TEXT NOT NULL,
            nonce INTEGER NOT NULL,
            tx_hash TEXT,
            height INTEGER,
            reason TEXT,
            message TEXT);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        """;

    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly int _outcomeCapacity;
    private long _commits;

    private ReceiptStore(SqliteConnection db, int outcomeCapacity)
    {
        _db = db;
        _outcomeCapacity = outcomeCapacity;
    }

    /// <summary>Transactions committed so far (tests see group commit in it).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    public static ReceiptStore Open(string path, int outcomeCapacity = 200_000)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            // The queue's id index is read at random (each verdict finds its row): with SQLite's 2 MiB default most of
            // those reads went to the kernel; a full queue and the outcomes fit in this bound.
            Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-{CacheKib};");
            Execute(connection, Schema);
            return new ReceiptStore(connection, outcomeCapacity);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Writes accepted receipts to the queue and the duplicate window in one transaction, pruning each provider's window below <paramref name="windowFloors"/>.</summary>
    public void Append(IReadOnlyList<QueuedReceipt> receipts, long acceptedAtMs, IReadOnlyDictionary<(byte Market, string ProviderId), ulong> windowFloors)
    {
        lock (_gate)
        {
            using var transaction = _db.BeginTransaction();
            using var insert = Command(transaction, """
                INSERT INTO queue(receipt_id, market, provider_id, nonce, agreement_id, amount, wire, status, accepted_at_ms)
                VALUES ($id, $market, $provider, $nonce, $agreement, $amount, $wire, 0, $at)
                """);
            using var seen = Command(transaction, "INSERT OR REPLACE INTO seen(receipt_id, market, provider_id, nonce) VALUES ($id, $market, $provider, $nonce)");
            foreach (var queued in receipts)
            {
                var r = queued.Receipt;
                Bind(insert, ("$id", queued.ReceiptId), ("$market", (long)r.MarketCode), ("$provider", r.ProviderId), ("$nonce", unchecked((long)r.Nonce)),
                    ("$agreement", unchecked((long)r.AgreementId)), ("$amount", unchecked((long)queued.Amount)), ("$wire", queued.Wire), ("$at", acceptedAtMs));
                insert.ExecuteNonQuery();
                Bind(seen, ("$id", queued.ReceiptId), ("$market", (long)r.MarketCode), ("$provider", r.ProviderId), ("$nonce", unchecked((long)r.Nonce)));
                seen.ExecuteNonQuery();
            }

            using var prune = Command(transaction, "DELETE FROM seen WHERE market = $market AND provider_id = $provider AND nonce < $floor");
            foreach (var ((market, provider), floor) in windowFloors)
            {
                Bind(prune, ("$market", (long)market), ("$provider", provider), ("$floor", unchecked((long)floor)));
                prune.ExecuteNonQuery();
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
        }
    }

    /// <summary>The oldest queued rows after <paramref name="afterSeq"/> (those up to it were sent already), at most <paramref name="max"/>.</summary>
    public List<QueueRow> TakeQueued(int max, long afterSeq = 0)
    {
        lock (_gate)
        {
            using var command = Command(null, "SELECT seq, receipt_id, market, provider_id, nonce, agreement_id, amount, wire FROM queue WHERE seq > $after ORDER BY seq LIMIT $max");
            Bind(command, ("$max", (long)max), ("$after", afterSeq));
            return ReadRows(command);
        }
    }

    /// <summary>Every queued row (a restart rebuilds the agreements' reservations from them).</summary>
    public List<QueueRow> AllPending()
    {
        lock (_gate)
        {
            using var command = Command(null, "SELECT seq, receipt_id, market, provider_id, nonce, agreement_id, amount, wire FROM queue ORDER BY seq");
            return ReadRows(command);
        }
    }

    public long PendingCount()
    {
        lock (_gate)
        {
            using var command = Command(null, "SELECT COUNT(*) FROM queue");
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Ends receipts' lives in the queue: each row (by queue seq) is deleted and its outcome (included or rejected) remembered, in one transaction.</summary>
    public void Finish(IReadOnlyList<(long Seq, string Status, string? TxHash, ulong? Height, string? Reason, string? Message)> outcomes)
    {
        lock (_gate)
        {
            WithoutSync(() =>
            {
                using var transaction = _db.BeginTransaction();
                using var remember = Command(transaction, """
                    INSERT OR REPLACE INTO outcomes(receipt_id, status, market, provider_id, nonce, tx_hash, height, reason, message)
                    SELECT receipt_id, $status, market, provider_id, nonce, $tx, $height, $reason, $message FROM queue WHERE seq = $seq
                    """);
                using var delete = Command(transaction, "DELETE FROM queue WHERE seq = $seq");
                foreach (var (seq, status, tx, height, reason, message) in outcomes)
                {
                    Bind(remember, ("$status", status), ("$tx", tx), ("$height", height is { } h ? unchecked((long)h) : null), ("$reason", reason), ("$message", message), ("$seq", seq));
                    remember.ExecuteNonQuery();
                    Bind(delete, ("$seq", seq));
                    delete.ExecuteNonQuery();
                }

                using var prune = Command(transaction, "DELETE FROM outcomes WHERE seq <= (SELECT MAX(seq) FROM outcomes) - $capacity");
                Bind(prune, ("$capacity", (long)_outcomeCapacity));
                prune.ExecuteNonQuery();
                transaction.Commit();
            });
        }
    }

    public ReceiptTracking? Find(string receiptId)
    {
        lock (_gate)
        {
            using var queued = Command(null, "SELECT market, provider_id, nonce FROM queue WHERE receipt_id = $id");
            Bind(queued, ("$id", receiptId));
            using (var reader = queued.ExecuteReader())
            {
                if (reader.Read())
                {
                    return new ReceiptTracking(
                        receiptId, ReceiptTracking.Queued, MarketName(reader.GetInt64(0)), reader.GetString(1), unchecked((ulong)reader.GetInt64(2)), null, null, null, null);
                }
            }

            using var done = Command(null, "SELECT status, market, provider_id, nonce, tx_hash, height, reason, message FROM outcomes WHERE receipt_id = $id");
            Bind(done, ("$id", receiptId));
            using var row = done.ExecuteReader();
            return row.Read()
                ? new ReceiptTracking(
                    receiptId, row.GetString(0), MarketName(row.GetInt64(1)), row.GetString(2), unchecked((ulong)row.GetInt64(3)), row.IsDBNull(4) ? null : row.GetString(4),
                    row.IsDBNull(5) ? null : unchecked((ulong)row.GetInt64(5)), row.IsDBNull(6) ? null : row.GetString(6), row.IsDBNull(7) ? null : row.GetString(7))
                : null;
        }
    }

    public List<SeenReceipt> LoadSeen()
    {
        lock (_gate)
        {
            using var command = Command(null, "SELECT receipt_id, market, provider_id, nonce FROM seen");
            using var reader = command.ExecuteReader();
            var seen = new List<SeenReceipt>();
            while (reader.Read())
            {
                seen.Add(new SeenReceipt(reader.GetString(0), (byte)reader.GetInt64(1), reader.GetString(2), unchecked((ulong)reader.GetInt64(3))));
            }

            return seen;
        }
    }

    public ulong? LastCheckedHeight()
    {
        lock (_gate)
        {
            return ReadLastCheckedHeight();
        }
    }

    public void SetLastCheckedHeight(ulong height)
    {
        lock (_gate)
        {
            using var command = Command(null, "INSERT OR REPLACE INTO meta(key, value) VALUES ($key, $value)");
            Bind(command, ("$key", LastCheckedHeightKey), ("$value", unchecked((long)height)));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets the duplicate window and the last checked height (the queue stays: it holds accepted receipts); answers what was cleared.</summary>
    public (ulong ReceiptIds, ulong? LastCheckedHeight) ClearValidationState()
    {
        lock (_gate)
        {
            var height = ReadLastCheckedHeight();
            using var transaction = _db.BeginTransaction();
            using var count = Command(transaction, "SELECT COUNT(*) FROM seen");
            var ids = (long)count.ExecuteScalar()!;
            using var clear = Command(transaction, "DELETE FROM seen; DELETE FROM meta WHERE key = $key;");
            Bind(clear, ("$key", LastCheckedHeightKey));
            clear.ExecuteNonQuery();
            transaction.Commit();
            return ((ulong)ids, height);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _db.Dispose();
        }
    }

    /// <summary>
    /// Commits without waiting for the disk: what follows a receipt's acceptance (submitted, finished) can be redone.
    /// WAL keeps such a commit through a <c>kill -9</c>; only an OS crash can undo it, and then the rows are sent again
    /// and the node answers <c>included</c> for those a block holds. Accepting (<see cref="Append"/>) always waits.
    /// </summary>
    private void WithoutSync(Action write)
    {
        Execute(_db, "PRAGMA synchronous=NORMAL;");
        try
        {
            write();
            Interlocked.Increment(ref _commits);
        }
        finally
        {
            Execute(_db, "PRAGMA synchronous=FULL;");
        }
    }

    private ulong? ReadLastCheckedHeight()
    {
        using var command = Command(null, "SELECT value FROM meta WHERE key = $key");
        Bind(command, ("$key", LastCheckedHeightKey));
        return command.ExecuteScalar() is long height ? unchecked((ulong)height) : null;
    }

    private static string MarketName(long code) => ServiceMarkets.IsDefined((byte)code) ? ServiceMarkets.Name((ServiceMarket)code) : $"market_{code}";

    private static List<QueueRow> ReadRows(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<QueueRow>();
        while (reader.Read())
        {
            rows.Add(new QueueRow(
                reader.GetInt64(0), reader.GetString(1), (byte)reader.GetInt64(2), reader.GetString(3), unchecked((ulong)reader.GetInt64(4)),
                unchecked((ulong)reader.GetInt64(5)), unchecked((ulong)reader.GetInt64(6)), (byte[])reader[7]));
        }

        return rows;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _db.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
