namespace TheBlock.Storage;

/// <summary>
/// The chain database's tables. Amounts are stored as SQLite INTEGER (signed 64-bit); genesis caps supply to fit.
/// A block commit writes only the first group (block, journal, state, and each module's query tables in the same
/// transaction), all appended or small; the lookup indexes in the
/// second group are derived from those rows by <see cref="BlockIndexer"/> behind the <c>index_watermark</c>, so their
/// random page writes (one per transaction hash at scale) stay off the commit path (docs/BENCHMARKS.md).
/// </summary>
internal static class Schema
{
    /// <summary>
    /// 4: the core keeps modules' state generically (<c>system_balances</c>, <c>module_state</c>) and each block's
    /// events (<c>block_events</c>, only for blocks that have any); each module's query tables carry their own version
    /// (docs/PROTOCOL.md).
    /// </summary>
    public const int Version = 4;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (
            key   TEXT PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS blocks (
            height     INTEGER PRIMARY KEY,
            hash       BLOB NOT NULL,
            time_ms    INTEGER NOT NULL,
            tx_count   INTEGER NOT NULL,
            state_root BLOB NOT NULL,
            body       BLOB NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS blocks_by_hash ON blocks (hash);
        CREATE TABLE IF NOT EXISTS block_events (
            height INTEGER PRIMARY KEY,
            events BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS ledger_journal (
            height  INTEGER PRIMARY KEY,
            entries BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS accounts (
            address BLOB PRIMARY KEY,
            balance INTEGER NOT NULL,
            nonce   INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS chain_values (
            key   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS system_balances (
            account    TEXT NOT NULL,
            sub_ledger INTEGER NOT NULL,
            balance    INTEGER NOT NULL,
            PRIMARY KEY (account, sub_ledger)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS module_state (
            key   BLOB PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS index_watermark (
            id     INTEGER PRIMARY KEY CHECK (id = 1),
            height INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS transactions (
            hash   BLOB PRIMARY KEY,
            height INTEGER NOT NULL,
            idx    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ledger_entries (
            account    BLOB NOT NULL,
            height     INTEGER NOT NULL,
            seq        INTEGER NOT NULL,
            delta      INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            reference  TEXT,
            sub_ledger TEXT,
            PRIMARY KEY (account, height, seq)
        ) WITHOUT ROWID;
        """;
}
