namespace TheBlock.Storage;

/// <summary>
/// The chain database's tables. Amounts are stored as SQLite INTEGER (signed 64-bit); genesis caps supply to fit.
/// A block commit writes only the first group (block, journal, state, including the disbursements with their
/// per-state totals kept by triggers: amounts are summed as high and low 32-bit halves, so no sum of amounts of up to
/// 2^63 − 1 CT overflows SQLite's 64-bit integers), all appended or small; the lookup indexes in the
/// second group are derived from those rows by <see cref="BlockIndexer"/> behind the <c>index_watermark</c>, so their
/// random page writes (one per transaction hash at scale) stay off the commit path (docs/BENCHMARKS.md).
/// </summary>
internal static class Schema
{
    /// <summary>
    /// 3: disbursement records keep their windows as end heights, not end epochs, and the council's rollback votes
    /// (docs/PROTOCOL.md).
    /// </summary>
    public const int Version = 3;

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
        CREATE TABLE IF NOT EXISTS disbursements (
            id         INTEGER PRIMARY KEY,
            state      TEXT NOT NULL,
            amount_ct  INTEGER NOT NULL,
            amount_it  INTEGER NOT NULL,
            created_tx BLOB NOT NULL,
            record     BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS disbursements_by_state ON disbursements (state, id);
        CREATE UNIQUE INDEX IF NOT EXISTS disbursements_by_created_tx ON disbursements (created_tx);
        CREATE TABLE IF NOT EXISTS disbursement_totals (
            state TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            ct_hi INTEGER NOT NULL,
            ct_lo INTEGER NOT NULL,
            it_hi INTEGER NOT NULL,
            it_lo INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO disbursement_totals (state, count, ct_hi, ct_lo, it_hi, it_lo) VALUES
            ('draft', 0, 0, 0, 0, 0), ('voting', 0, 0, 0, 0, 0), ('timelocked', 0, 0, 0, 0, 0), ('queued', 0, 0, 0, 0, 0),
            ('executed', 0, 0, 0, 0, 0), ('finalized', 0, 0, 0, 0, 0), ('rolled_back', 0, 0, 0, 0, 0);
        CREATE TRIGGER IF NOT EXISTS disbursement_totals_on_insert AFTER INSERT ON disbursements BEGIN
            UPDATE disbursement_totals SET count = count + 1,
                ct_hi = ct_hi + (NEW.amount_ct >> 32), ct_lo = ct_lo + (NEW.amount_ct & 4294967295),
                it_hi = it_hi + (NEW.amount_it >> 32), it_lo = it_lo + (NEW.amount_it & 4294967295)
                WHERE state = NEW.state;
        END;
        CREATE TRIGGER IF NOT EXISTS disbursement_totals_on_move AFTER UPDATE OF state ON disbursements WHEN OLD.state <> NEW.state BEGIN
            UPDATE disbursement_totals SET count = count - 1,
                ct_hi = ct_hi - (OLD.amount_ct >> 32), ct_lo = ct_lo - (OLD.amount_ct & 4294967295),
                it_hi = it_hi - (OLD.amount_it >> 32), it_lo = it_lo - (OLD.amount_it & 4294967295)
                WHERE state = OLD.state;
            UPDATE disbursement_totals SET count = count + 1,
                ct_hi = ct_hi + (NEW.amount_ct >> 32), ct_lo = ct_lo + (NEW.amount_ct & 4294967295),
                it_hi = it_hi + (NEW.amount_it >> 32), it_lo = it_lo + (NEW.amount_it & 4294967295)
                WHERE state = NEW.state;
        END;
        CREATE TABLE IF NOT EXISTS executor_lease (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            holder     TEXT NOT NULL,
            executor   BLOB NOT NULL,
            expires_at INTEGER NOT NULL
        );

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
