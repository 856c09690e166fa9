namespace TheBlock.Storage;

/// <summary>The chain database's tables. Amounts are stored as SQLite INTEGER (signed 64-bit); genesis caps supply to fit.</summary>
internal static class Schema
{
    public const int Version = 1;

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
        CREATE TABLE IF NOT EXISTS transactions (
            hash   BLOB PRIMARY KEY,
            height INTEGER NOT NULL,
            idx    INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS accounts (
            address BLOB PRIMARY KEY,
            balance INTEGER NOT NULL,
            nonce   INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS chain_values (
            key   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ledger_entries (
            id         INTEGER PRIMARY KEY,
            height     INTEGER NOT NULL,
            account    BLOB NOT NULL,
            delta      INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            reference  TEXT,
            sub_ledger TEXT
        );
        CREATE INDEX IF NOT EXISTS ledger_entries_by_account ON ledger_entries (account, id);
        CREATE INDEX IF NOT EXISTS ledger_entries_by_height ON ledger_entries (height);
        """;
}
