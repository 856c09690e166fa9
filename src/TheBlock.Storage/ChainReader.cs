using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>Read-only queries over committed blocks; safe to call from any thread while blocks are being committed.</summary>
public sealed partial class ChainReader
{
    private readonly string _connectionString;

    internal ChainReader(string connectionString, ChainModules modules)
    {
        _connectionString = connectionString;
        Modules = modules;
    }

    /// <summary>The modules whose transaction kinds and ledger entry kinds the stored blocks use.</summary>
    public ChainModules Modules { get; }

    public StoredBlock? GetHead() => QueryBlock("SELECT body, height, time_ms FROM blocks ORDER BY height DESC LIMIT 1", null);

    public StoredBlock? GetBlock(ulong height) =>
        IsStorable(height) ? QueryBlock("SELECT body, height, time_ms FROM blocks WHERE height = $height", (long)height) : null;

    public ulong? GetHeadHeight()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(height) FROM blocks";
        return command.ExecuteScalar() is long height ? (ulong)height : null;
    }

    /// <summary>
    /// Where a committed transaction is: from the hash index, or for blocks not indexed yet (normally only the newest),
    /// from their bodies, read in the same snapshot so a block being indexed meanwhile is seen exactly once.
    /// </summary>
    public TransactionLocation? FindTransaction(Hash32 hash)
    {
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT height, idx FROM transactions WHERE hash = $hash";
            command.Parameters.AddWithValue("$hash", hash.ToArray());
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                return new TransactionLocation((ulong)reader.GetInt64(0), reader.GetInt32(1));
            }
        }

        using var unindexed = connection.CreateCommand();
        unindexed.CommandText = "SELECT height, body FROM blocks WHERE height > $watermark ORDER BY height DESC";
        unindexed.Parameters.AddWithValue("$watermark", BlockIndexer.ReadWatermark(connection, snapshot));
        using var blocks = unindexed.ExecuteReader();
        while (blocks.Read())
        {
            var transactions = Block.Decode((byte[])blocks.GetValue(1), Modules).Transactions;
            for (var index = 0; index < transactions.Count; index++)
            {
                if (transactions[index].Hash == hash)
                {
                    return new TransactionLocation((ulong)blocks.GetInt64(0), index);
                }
            }
        }

        return null;
    }

    /// <summary>The highest block the lookup indexes cover, or null before block 0 is indexed.</summary>
    public ulong? IndexedHeight()
    {
        using var connection = Open();
        var watermark = BlockIndexer.ReadWatermark(connection, null);
        return watermark < 0 ? null : (ulong)watermark;
    }

    /// <summary>The ledger entries of the block at <paramref name="height"/>, in the order it made them; null if not committed.</summary>
    public IReadOnlyList<LedgerEntry>? GetJournal(ulong height)
    {
        if (!IsStorable(height))
        {
            return null;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entries FROM ledger_journal WHERE height = $height";
        command.Parameters.AddWithValue("$height", (long)height);
        return command.ExecuteScalar() is byte[] journal ? LedgerJournal.Decode(journal, height, Modules) : null;
    }

    public Account GetAccount(Address address)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT balance, nonce FROM accounts WHERE address = $address";
        command.Parameters.AddWithValue("$address", address.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Account((ulong)reader.GetInt64(0), (ulong)reader.GetInt64(1)) : default;
    }

    /// <summary>
    /// The newest entries of an account (user address or system account name), newest first: those of blocks not
    /// indexed yet from their journals, then the indexed ones, in one snapshot.
    /// </summary>
    public IReadOnlyList<StoredLedgerEntry> RecentEntries(LedgerAccount account, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var watermark = BlockIndexer.ReadWatermark(connection, snapshot);
        var entries = new List<StoredLedgerEntry>();
        var name = account.ToString();
        using (var unindexed = connection.CreateCommand())
        {
            unindexed.CommandText = "SELECT height, entries FROM ledger_journal WHERE height > $watermark ORDER BY height DESC";
            unindexed.Parameters.AddWithValue("$watermark", watermark);
            using var journals = unindexed.ExecuteReader();
            while (entries.Count < limit && journals.Read())
            {
                var height = (ulong)journals.GetInt64(0);
                var journal = LedgerJournal.Decode((byte[])journals.GetValue(1), height, Modules);
                for (var seq = journal.Count - 1; seq >= 0 && entries.Count < limit; seq--)
                {
                    var entry = journal[seq];
                    if (entry.Account == account)
                    {
                        entries.Add(new StoredLedgerEntry(
                            height,
                            seq,
                            name,
                            entry.Delta,
                            entry.Kind.Name,
                            entry.Reference,
                            entry.SubLedger is { } sub ? SubLedgers.Name(sub) : null));
                    }
                }
            }
        }

        if (entries.Count < limit)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT height, seq, delta, kind, reference, sub_ledger FROM ledger_entries WHERE account = $account ORDER BY height DESC, seq DESC LIMIT $limit";
            command.Parameters.AddWithValue("$account", account.ToKey());
            command.Parameters.AddWithValue("$limit", limit - entries.Count);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new StoredLedgerEntry(
                    (ulong)reader.GetInt64(0),
                    reader.GetInt32(1),
                    name,
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        return entries;
    }

    public IEnumerable<KeyValuePair<Address, Account>> ReadAllAccounts()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT address, balance, nonce FROM accounts";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var address = new Address((byte[])reader.GetValue(0));
            yield return new(address, new Account((ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2)));
        }
    }

    public TreasuryBalances ReadTreasury()
    {
        var values = ReadValues();
        return new TreasuryBalances(values.GetValueOrDefault(ChainValueKeys.TreasuryCt), values.GetValueOrDefault(ChainValueKeys.TreasuryIt));
    }

    public SupplyCounters ReadSupply()
    {
        var values = ReadValues();
        return new SupplyCounters(
            values.GetValueOrDefault(ChainValueKeys.SupplyGenesis),
            values.GetValueOrDefault(ChainValueKeys.SupplyMinted),
            values.GetValueOrDefault(ChainValueKeys.SupplyBurned));
    }

    /// <summary>The events of the block at <paramref name="height"/> (none for a block that emitted none or does not exist).</summary>
    public IReadOnlyList<EmittedEvent> ReadEvents(ulong height)
    {
        if (!IsStorable(height))
        {
            return [];
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT events FROM block_events WHERE height = $height";
        command.Parameters.AddWithValue("$height", (long)height);
        return command.ExecuteScalar() is byte[] events ? BlockEvents.Decode(events, Modules) : [];
    }

    /// <summary>Every non-zero balance of the modules' system accounts.</summary>
    public IEnumerable<KeyValuePair<SystemBalanceKey, ulong>> ReadSystemBalances()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account, sub_ledger, balance FROM system_balances ORDER BY account, sub_ledger";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new(new SystemBalanceKey(reader.GetString(0), (SubLedger)reader.GetInt64(1)), (ulong)reader.GetInt64(2));
        }
    }

    /// <summary>What <paramref name="account"/> (a module's system account) holds, per sub-ledger.</summary>
    public TreasuryBalances ReadSystemBalance(string account)
    {
        var balances = ReadSystemBalances().Where(pair => pair.Key.Account == account).ToDictionary(pair => pair.Key.SubLedger, pair => pair.Value);
        return new TreasuryBalances(balances.GetValueOrDefault(SubLedger.Ct), balances.GetValueOrDefault(SubLedger.It));
    }

    /// <summary>Every module key and value, in key order.</summary>
    public IEnumerable<KeyValuePair<StateKey, StateValue>> ReadModuleState()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM module_state ORDER BY key";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new(StateKey.FromBytes((byte[])reader.GetValue(0)), StateValue.FromBytes((byte[])reader.GetValue(1)));
        }
    }

    private Dictionary<string, ulong> ReadValues()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM chain_values";
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, ulong>();
        while (reader.Read())
        {
            values[reader.GetString(0)] = (ulong)reader.GetInt64(1);
        }

        return values;
    }

    /// <summary>
    /// SQLite integers are signed, and the writer refuses ids and heights above <see cref="long.MaxValue"/>: a lookup of
    /// such a key finds nothing, as for any other key the chain does not have.
    /// </summary>
    internal static bool IsStorable(ulong key) => key <= long.MaxValue;

    private StoredBlock? QueryBlock(string sql, long? height)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (height is { } h)
        {
            command.Parameters.AddWithValue("$height", h);
        }

        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var block = Block.Decode((byte[])reader.GetValue(0), Modules);
        return new StoredBlock(block, (ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2));
    }

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
