using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;

namespace TheBlock.Storage.Modules;

/// <summary>Writes what one block's events mean for a module's tables, inside the block's commit transaction.</summary>
public interface IModuleTableWriter : IDisposable
{
    void Write(SqliteTransaction transaction, BlockEffects effects);
}
