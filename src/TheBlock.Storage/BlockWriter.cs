using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>
/// Prepared statements that write one block's effects inside the caller's transaction. This is the hot half of a
/// block commit (a 5,000-transfer block is about 16,000 rows), so rows are bound by position from stack buffers:
/// nothing is allocated per row (docs/BENCHMARKS.md).
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly PreparedStatement _insertBlock;
    private readonly PreparedStatement _insertTransaction;
    private readonly PreparedStatement _upsertAccount;
    private readonly PreparedStatement _deleteAccount;
    private readonly PreparedStatement _setValue;
    private readonly PreparedStatement _insertEntry;

    public BlockWriter(SqliteConnection connection)
    {
        _insertBlock = new(connection, "INSERT INTO blocks (height, hash, time_ms, tx_count, state_root, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _insertTransaction = new(connection, "INSERT INTO transactions (hash, height, idx) VALUES (?1, ?2, ?3)");
        _upsertAccount = new(connection, "INSERT INTO accounts (address, balance, nonce) VALUES (?1, ?2, ?3) ON CONFLICT (address) DO UPDATE SET balance = excluded.balance, nonce = excluded.nonce");
        _deleteAccount = new(connection, "DELETE FROM accounts WHERE address = ?1");
        _setValue = new(connection, "INSERT INTO chain_values (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        _insertEntry = new(connection, "INSERT INTO ledger_entries (height, account, delta, kind, reference, sub_ledger) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
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

        WriteTransactions(block, height);
        WriteAccounts(effects.ChangedAccounts);

        SetValue(ChainValueKeys.TreasuryCt, effects.Treasury.Ct);
        SetValue(ChainValueKeys.TreasuryIt, effects.Treasury.It);
        SetValue(ChainValueKeys.SupplyGenesis, effects.Supply.Genesis);
        SetValue(ChainValueKeys.SupplyMinted, effects.Supply.Minted);
        SetValue(ChainValueKeys.SupplyBurned, effects.Supply.Burned);

        WriteEntries(effects.Entries);
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

    /// <summary>
    /// Inserted in hash order (by the first 8 bytes), not block order: the table is keyed by hash, so consecutive
    /// inserts then walk its pages front to back instead of jumping between random ones.
    /// </summary>
    private void WriteTransactions(Block block, long height)
    {
        var transactions = block.Transactions;
        var order = new (ulong HashPrefix, int Index)[transactions.Count];
        Span<byte> hash = stackalloc byte[Hash32.Size];
        for (var i = 0; i < order.Length; i++)
        {
            transactions[i].Hash.CopyTo(hash);
            order[i] = (BinaryPrimitives.ReadUInt64BigEndian(hash), i);
        }

        Array.Sort(order);
        foreach (var (_, index) in order)
        {
            transactions[index].Hash.CopyTo(hash);
            _insertTransaction.Bind(1, hash);
            _insertTransaction.Bind(2, height);
            _insertTransaction.Bind(3, index);
            _insertTransaction.Execute();
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

    private void SetValue(string key, ulong value)
    {
        _setValue.Bind(1, key);
        _setValue.Bind(2, checked((long)value));
        _setValue.Execute();
    }

    private void WriteEntries(IReadOnlyList<LedgerEntry> entries)
    {
        Span<byte> address = stackalloc byte[Address.Size];
        foreach (var entry in entries)
        {
            _insertEntry.Bind(1, checked((long)entry.Height));
            if (entry.Account.User is { } user)
            {
                user.CopyTo(address);
                _insertEntry.Bind(2, address);
            }
            else
            {
                _insertEntry.Bind(2, entry.Account.ToKey());
            }

            _insertEntry.Bind(3, entry.Delta);
            _insertEntry.Bind(4, LedgerEntryKinds.Name(entry.Kind));
            _insertEntry.Bind(5, entry.Reference);
            _insertEntry.Bind(6, entry.SubLedger is { } sub ? SubLedgerName(sub) : null);
            _insertEntry.Execute();
        }
    }
}
