using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Receipts;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Receipts;

/// <summary>
/// The receipts index of every market (energy's included: it reads <see cref="Protocol.Chain.BlockReceipts"/>, which
/// names no market). A receipt's claims, buyer and nonce stay in its block; a row keeps only what queries filter and
/// sum on, so the index stays small (docs/BENCHMARKS.md, bytes per receipt). <c>seq</c> numbers receipts in chain
/// order (newest is highest), so every newest-first listing walks an index backwards from a cursor. <c>id_key</c> is
/// the first 8 bytes of the receipt id, probed linearly on the rare collision; a lookup rebuilds the receipt from its
/// block and compares the whole id. Markets and providers are numbered once in small tables that also carry the
/// per-market totals and each provider's last receipt height, so stats never count the big table. Unsigned 64-bit
/// values are stored as their signed bit pattern.
/// </summary>
public sealed class ReceiptsTables : IModuleTables
{
    public string Module => ReceiptsModule.ModuleName;

    public int SchemaVersion => 1;

    public string CreateSql => """
        CREATE TABLE IF NOT EXISTS receipt_markets (
            code          INTEGER PRIMARY KEY,
            name          TEXT NOT NULL UNIQUE,
            emitted_total INTEGER NOT NULL,
            last_height   INTEGER,
            last_at       INTEGER
        );
        CREATE TABLE IF NOT EXISTS receipt_providers (
            code        INTEGER PRIMARY KEY,
            market      INTEGER NOT NULL,
            provider_id TEXT NOT NULL,
            last_height INTEGER NOT NULL,
            UNIQUE (market, provider_id)
        );
        CREATE TABLE IF NOT EXISTS receipts (
            seq        INTEGER PRIMARY KEY,
            id_key     INTEGER NOT NULL,
            market     INTEGER NOT NULL,
            provider   INTEGER NOT NULL,
            height     INTEGER NOT NULL,
            ordinal    INTEGER NOT NULL,
            reference  INTEGER NOT NULL,
            units      INTEGER NOT NULL,
            amount     INTEGER NOT NULL,
            fee        INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS receipts_by_id ON receipts (id_key);
        CREATE INDEX IF NOT EXISTS receipts_by_market ON receipts (market);
        CREATE INDEX IF NOT EXISTS receipts_by_provider ON receipts (provider);
        CREATE TABLE IF NOT EXISTS receipt_blocks (
            height    INTEGER NOT NULL,
            market    INTEGER NOT NULL,
            first_seq INTEGER NOT NULL,
            count     INTEGER NOT NULL,
            PRIMARY KEY (height, market)
        ) WITHOUT ROWID;
        """;

    public IModuleTableWriter CreateWriter(SqliteConnection connection) => new ReceiptsTableWriter(connection);

    public void Verify(SqliteConnection connection, IStateReader state) => ReceiptsTablesCheck.Verify(connection, state);
}
