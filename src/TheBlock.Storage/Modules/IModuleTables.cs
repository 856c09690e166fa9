using Microsoft.Data.Sqlite;

namespace TheBlock.Storage.Modules;

/// <summary>
/// A module's query tables: derived from its events, written in the same transaction as the block that emitted them,
/// versioned on their own (meta key <c>schema_version:{module}</c>), so a module's schema change refuses only
/// databases whose tables of that module differ.
/// </summary>
public interface IModuleTables
{
    /// <summary>The chain module's name (<see cref="Protocol.Modules.IChainModule.Name"/>).</summary>
    string Module { get; }

    int SchemaVersion { get; }

    /// <summary>Idempotent DDL (CREATE … IF NOT EXISTS) run at every open.</summary>
    string CreateSql { get; }

    IModuleTableWriter CreateWriter(SqliteConnection connection);

    /// <summary>
    /// At start-up, after the state was proven against its root: throws <see cref="StateCorruptedException"/> when the
    /// tables do not say what the state says, so a damaged query table is found before an operator reads it.
    /// </summary>
    void Verify(SqliteConnection connection, Protocol.Ledger.IStateReader state);
}
