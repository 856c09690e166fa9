using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Storage;

/// <summary>Prepared statements that write one block's effects inside the caller's transaction.</summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly SqliteCommand _insertBlock;
    private readonly SqliteCommand _insertTransaction;
    private readonly SqliteCommand _upsertAccount;
    private readonly SqliteCommand _deleteAccount;
    private readonly SqliteCommand _setValue;
    private readonly SqliteCommand _insertEntry;

    public BlockWriter(SqliteConnection connection)
    {
        _insertBlock = Prepare(connection, "INSERT INTO blocks (height, hash, time_ms, tx_count, state_root, body) VALUES ($height, $hash, $time, $count, $root, $body)", "$height", "$hash", "$time", "$count", "$root", "$body");
        _insertTransaction = Prepare(connection, "INSERT INTO transactions (hash, height, idx) VALUES ($hash, $height, $idx)", "$hash", "$height", "$idx");
        _upsertAccount = Prepare(connection, "INSERT INTO accounts (address, balance, nonce) VALUES ($address, $balance, $nonce) ON CONFLICT (address) DO UPDATE SET balance = excluded.balance, nonce = excluded.nonce", "$address", "$balance", "$nonce");
        _deleteAccount = Prepare(connection, "DELETE FROM accounts WHERE address = $address", "$address");
        _setValue = Prepare(connection, "INSERT INTO chain_values (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", "$key", "$value");
        _insertEntry = Prepare(connection, "INSERT INTO ledger_entries (height, account, delta, kind, reference, sub_ledger) VALUES ($height, $account, $delta, $kind, $reference, $sub)", "$height", "$account", "$delta", "$kind", "$reference", "$sub");
    }

    public void Write(SqliteTransaction transaction, BlockEffects effects)
    {
        var block = effects.Block;
        var height = checked((long)block.Height);
        Run(_insertBlock, transaction, height, block.Hash.ToArray(), checked((long)block.Header.TimeMs), block.Transactions.Count, block.Header.StateRoot.ToArray(), block.Encode());
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            Run(_insertTransaction, transaction, block.Transactions[i].Hash.ToArray(), height, i);
        }

        foreach (var (address, account) in effects.ChangedAccounts)
        {
            if (account.IsEmpty)
            {
                Run(_deleteAccount, transaction, address.ToArray());
            }
            else
            {
                Run(_upsertAccount, transaction, address.ToArray(), checked((long)account.Balance), checked((long)account.Nonce));
            }
        }

        Run(_setValue, transaction, ChainValueKeys.TreasuryCt, checked((long)effects.Treasury.Ct));
        Run(_setValue, transaction, ChainValueKeys.TreasuryIt, checked((long)effects.Treasury.It));
        Run(_setValue, transaction, ChainValueKeys.SupplyGenesis, checked((long)effects.Supply.Genesis));
        Run(_setValue, transaction, ChainValueKeys.SupplyMinted, checked((long)effects.Supply.Minted));
        Run(_setValue, transaction, ChainValueKeys.SupplyBurned, checked((long)effects.Supply.Burned));

        foreach (var entry in effects.Entries)
        {
            Run(
                _insertEntry,
                transaction,
                checked((long)entry.Height),
                entry.Account.ToKey(),
                entry.Delta,
                LedgerEntryKinds.Name(entry.Kind),
                (object?)entry.Reference ?? DBNull.Value,
                entry.SubLedger is { } sub ? SubLedgerName(sub) : DBNull.Value);
        }
    }

    public void Dispose()
    {
        _insertBlock.Dispose();
        _insertTransaction.Dispose();
        _upsertAccount.Dispose();
        _deleteAccount.Dispose();
        _setValue.Dispose();
        _insertEntry.Dispose();
    }

    internal static string SubLedgerName(SubLedger subLedger) => subLedger == SubLedger.Ct ? "ct" : "it";

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
