using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage;

/// <summary>
/// Prepared statements that write one block's effects inside the caller's transaction: the block, its ledger journal,
/// the state it changed (accounts, treasury, supply, modules' balances and keys) and, through each module's writer,
/// the module's query tables. Lookup indexes are not written here (<see cref="BlockIndexer"/> derives them), so a
/// commit appends a few large rows plus one row per changed account, bound by position from stack buffers
/// (docs/BENCHMARKS.md).
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly PreparedStatement _insertBlock;
    private readonly PreparedStatement _insertJournal;
    private readonly PreparedStatement _upsertAccount;
    private readonly PreparedStatement _deleteAccount;
    private readonly PreparedStatement _setValue;
    private readonly PreparedStatement _insertEvents;
    private readonly PreparedStatement _setSystemBalance;
    private readonly PreparedStatement _deleteSystemBalance;
    private readonly PreparedStatement _setModuleState;
    private readonly PreparedStatement _deleteModuleState;
    private readonly IReadOnlyList<IModuleTableWriter> _moduleWriters;

    public BlockWriter(SqliteConnection connection, StorageModules modules)
    {
        _insertBlock = new(connection, "INSERT INTO blocks (height, hash, time_ms, tx_count, state_root, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _insertJournal = new(connection, "INSERT INTO ledger_journal (height, entries) VALUES (?1, ?2)");
        _upsertAccount = new(connection, "INSERT INTO accounts (address, balance, nonce) VALUES (?1, ?2, ?3) ON CONFLICT (address) DO UPDATE SET balance = excluded.balance, nonce = excluded.nonce");
        _deleteAccount = new(connection, "DELETE FROM accounts WHERE address = ?1");
        _setValue = new(connection, "INSERT INTO chain_values (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        _insertEvents = new(connection, "INSERT INTO block_events (height, events) VALUES (?1, ?2)");
        _setSystemBalance = new(connection, "INSERT INTO system_balances (account, sub_ledger, balance) VALUES (?1, ?2, ?3) ON CONFLICT (account, sub_ledger) DO UPDATE SET balance = excluded.balance");
        _deleteSystemBalance = new(connection, "DELETE FROM system_balances WHERE account = ?1 AND sub_ledger = ?2");
        _setModuleState = new(connection, "INSERT INTO module_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        _deleteModuleState = new(connection, "DELETE FROM module_state WHERE key = ?1");
        _moduleWriters = [.. modules.Tables.Select(tables => tables.CreateWriter(connection))];
    }

    /// <summary>
    /// Writes the block's rows in <paramref name="transaction"/>, which makes them durable together or not at all.
    /// (The statements run in whatever transaction their connection has open; the parameter keeps that visible.)
    /// </summary>
    public void Write(SqliteTransaction transaction, BlockEffects effects)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var block = effects.Block;
        var height = checked((long)block.Height);
        Span<byte> hash = stackalloc byte[Hash32.Size];
        Span<byte> root = stackalloc byte[Hash32.Size];
        block.Hash.CopyTo(hash);
        block.Header.StateRoot.CopyTo(root);
        _insertBlock.Bind(1, height);
        _insertBlock.Bind(2, hash);
        _insertBlock.Bind(3, checked((long)block.Header.TimeMs));
        _insertBlock.Bind(4, block.Transactions.Count);
        _insertBlock.Bind(5, root);
        _insertBlock.Bind(6, block.Encode());
        _insertBlock.Execute();

        _insertJournal.Bind(1, height);
        _insertJournal.Bind(2, LedgerJournal.Encode(effects.Entries));
        _insertJournal.Execute();

        if (effects.Events.Count > 0)
        {
            _insertEvents.Bind(1, height);
            _insertEvents.Bind(2, BlockEvents.Encode(effects.Events));
            _insertEvents.Execute();
        }

        WriteAccounts(effects.ChangedAccounts);

        SetValue(ChainValueKeys.TreasuryCt, effects.Treasury.Ct);
        SetValue(ChainValueKeys.TreasuryIt, effects.Treasury.It);
        SetValue(ChainValueKeys.SupplyGenesis, effects.Supply.Genesis);
        SetValue(ChainValueKeys.SupplyMinted, effects.Supply.Minted);
        SetValue(ChainValueKeys.SupplyBurned, effects.Supply.Burned);
        WriteSystemBalances(effects.ChangedSystemBalances);
        WriteModuleState(effects.ChangedState);
        foreach (var writer in _moduleWriters)
        {
            writer.Write(transaction, effects);
        }
    }

    public void Dispose()
    {
        _insertBlock.Dispose();
        _insertJournal.Dispose();
        _upsertAccount.Dispose();
        _deleteAccount.Dispose();
        _setValue.Dispose();
        _insertEvents.Dispose();
        _setSystemBalance.Dispose();
        _deleteSystemBalance.Dispose();
        _setModuleState.Dispose();
        _deleteModuleState.Dispose();
        foreach (var writer in _moduleWriters)
        {
            writer.Dispose();
        }
    }

    private void WriteAccounts(IReadOnlyList<KeyValuePair<Address, Account>> changedAccounts)
    {
        Span<byte> address = stackalloc byte[Address.Size];
        foreach (var (key, account) in changedAccounts)
        {
            key.CopyTo(address);
            if (account.IsEmpty)
            {
                _deleteAccount.Bind(1, address);
                _deleteAccount.Execute();
            }
            else
            {
                _upsertAccount.Bind(1, address);
                _upsertAccount.Bind(2, checked((long)account.Balance));
                _upsertAccount.Bind(3, checked((long)account.Nonce));
                _upsertAccount.Execute();
            }
        }
    }

    private void WriteSystemBalances(IReadOnlyList<KeyValuePair<SystemBalanceKey, ulong>> changed)
    {
        foreach (var (key, balance) in changed)
        {
            var statement = balance == 0 ? _deleteSystemBalance : _setSystemBalance;
            statement.Bind(1, key.Account);
            statement.Bind(2, (long)key.SubLedger);
            if (balance != 0)
            {
                statement.Bind(3, checked((long)balance));
            }

            statement.Execute();
        }
    }

    private void WriteModuleState(IReadOnlyList<KeyValuePair<StateKey, StateValue?>> changed)
    {
        foreach (var (key, value) in changed)
        {
            if (value is null)
            {
                _deleteModuleState.Bind(1, key.Bytes);
                _deleteModuleState.Execute();
            }
            else
            {
                _setModuleState.Bind(1, key.Bytes);
                _setModuleState.Bind(2, value.Bytes);
                _setModuleState.Execute();
            }
        }
    }

    private void SetValue(string key, ulong value)
    {
        _setValue.Bind(1, key);
        _setValue.Bind(2, checked((long)value));
        _setValue.Execute();
    }
}
