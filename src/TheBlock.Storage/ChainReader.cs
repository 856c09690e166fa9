using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>Read-only queries over committed blocks; safe to call from any thread while blocks are being committed.</summary>
public sealed class ChainReader
{
    private readonly string _connectionString;

    internal ChainReader(string connectionString) => _connectionString = connectionString;

    public StoredBlock? GetHead() => QueryBlock("SELECT body, height, time_ms FROM blocks ORDER BY height DESC LIMIT 1", null);

    public StoredBlock? GetBlock(ulong height) => QueryBlock("SELECT body, height, time_ms FROM blocks WHERE height = $height", checked((long)height));

    public ulong? GetHeadHeight()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(height) FROM blocks";
        return command.ExecuteScalar() is long height ? (ulong)height : null;
    }

    public TransactionLocation? FindTransaction(Hash32 hash)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT height, idx FROM transactions WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", hash.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read() ? new TransactionLocation((ulong)reader.GetInt64(0), reader.GetInt32(1)) : null;
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

    /// <summary>The newest entries of an account (user address or system account name), newest first.</summary>
    public IReadOnlyList<StoredLedgerEntry> RecentEntries(LedgerAccount account, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, height, account, delta, kind, reference, sub_ledger FROM ledger_entries WHERE account = $account ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$account", account.ToKey());
        command.Parameters.AddWithValue("$limit", limit);
        return ReadEntries(command);
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

    private static List<StoredLedgerEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<StoredLedgerEntry>();
        while (reader.Read())
        {
            var key = (byte[])reader.GetValue(2);
            var account = key.Length == Address.Size ? new Address(key).ToString() : System.Text.Encoding.UTF8.GetString(key);
            entries.Add(new StoredLedgerEntry(
                reader.GetInt64(0),
                (ulong)reader.GetInt64(1),
                account,
                reader.GetInt64(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return entries;
    }

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

        var block = Block.Decode((byte[])reader.GetValue(0));
        return new StoredBlock(block, (ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
