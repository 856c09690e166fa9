using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Treasury;

/// <summary>
/// The treasury's query tables: every disbursement's newest record (by id, state and creating transaction), the
/// per-state totals kept by triggers (amounts summed as high and low 32-bit halves, so no sum of amounts of up to
/// 2^63 − 1 CT overflows SQLite's 64-bit integers) and the executor lease, fed by the module's events.
/// </summary>
public sealed class TreasuryTables : IModuleTables
{
    public string Module => TreasuryModule.ModuleName;

    /// <summary>1: the tables as they were in the core schema version 3.</summary>
    public int SchemaVersion => 1;

    public string CreateSql => """
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
        """;

    public IModuleTableWriter CreateWriter(SqliteConnection connection) => new TreasuryTableWriter(connection);

    public void Verify(SqliteConnection connection, IStateReader state) => TreasuryTablesCheck.Verify(connection, state);
}
