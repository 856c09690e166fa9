using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Ledger;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Energy;

/// <summary>
/// The energy market's query tables: every credit and every dispute as it last became, one column per field, fed by
/// <see cref="EnergyCreditChanged"/> and <see cref="EnergyDisputeChanged"/>. The indexes serve the runbook's listings
/// (by status, and by provider and status) newest first. Unsigned 64-bit values are stored as their signed bit pattern.
/// </summary>
public sealed class EnergyTables : IModuleTables
{
    public string Module => EnergyModule.ModuleName;

    public int SchemaVersion => 1;

    public string CreateSql => """
        CREATE TABLE IF NOT EXISTS energy_credits (
            credit_id         INTEGER PRIMARY KEY,
            provider_id       TEXT NOT NULL,
            meter             TEXT NOT NULL,
            amount_kwh        INTEGER NOT NULL,
            price_per_kwh     INTEGER NOT NULL,
            reading_timestamp INTEGER NOT NULL,
            created_at        INTEGER NOT NULL,
            created_height    INTEGER NOT NULL,
            status            TEXT NOT NULL,
            settled_at        INTEGER,
            settled_height    INTEGER,
            receipt_id        INTEGER,
            payment           INTEGER,
            fee               INTEGER,
            dispute_id        INTEGER,
            closed_at         INTEGER
        );
        CREATE INDEX IF NOT EXISTS energy_credits_by_status ON energy_credits (status, credit_id);
        CREATE INDEX IF NOT EXISTS energy_credits_by_provider ON energy_credits (provider_id, status, credit_id);
        CREATE TABLE IF NOT EXISTS energy_disputes (
            dispute_id        INTEGER PRIMARY KEY,
            credit_id         INTEGER NOT NULL,
            provider_id       TEXT NOT NULL,
            reason            TEXT NOT NULL,
            opened_by         TEXT NOT NULL,
            opened_at         INTEGER NOT NULL,
            opened_height     INTEGER NOT NULL,
            meter             TEXT NOT NULL,
            amount_kwh        INTEGER NOT NULL,
            reading_timestamp INTEGER NOT NULL,
            status            TEXT NOT NULL,
            outcome           TEXT,
            resolved_by       TEXT,
            resolved_at       INTEGER,
            resolved_height   INTEGER,
            slashed           INTEGER
        );
        CREATE INDEX IF NOT EXISTS energy_disputes_by_status ON energy_disputes (status, dispute_id);
        """;

    public IModuleTableWriter CreateWriter(SqliteConnection connection) => new EnergyTableWriter(connection);

    public void Verify(SqliteConnection connection, IStateReader state) => EnergyTablesCheck.Verify(connection, state);
}
