using Microsoft.Data.Sqlite;
using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Storage.Tests;

/// <summary>
/// A deterministic chain persisted in a fresh SQLite database under a temp directory: a genesis file with funded keys
/// derived from fixed seeds, one validator, and helpers to propose, commit, reopen and tamper. Disposing deletes it all.
/// </summary>
internal sealed class TestChain : IDisposable
{
    public const string ChainId = "testnet";
    public const ulong GenesisTimeMs = 1_700_000_000_000;
    public const ulong BlockIntervalMs = 1_000;
    public const ulong Balance = 1_000_000;

    private TestChain(string directory, byte[] genesisJson, IReadOnlyList<SigningKey> keys, SigningKey validator)
    {
        Directory = directory;
        GenesisJson = genesisJson;
        Genesis = GenesisFile.Parse(genesisJson);
        Keys = keys;
        Validator = validator;
        var (state, effects) = ChainState.CreateGenesis(Genesis, GenesisFile.Hash(genesisJson), StandardChain.Modules);
        State = state;
        GenesisEffects = effects;
        Database = ChainDatabase.Open(DatabasePath, maintainInBackground: false);
        Database.Initialize(genesisJson, effects);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "chain.db");

    public byte[] GenesisJson { get; }

    public Genesis Genesis { get; }

    public IReadOnlyList<SigningKey> Keys { get; }

    public SigningKey Validator { get; }

    public ChainState State { get; private set; }

    public BlockEffects GenesisEffects { get; }

    public ChainDatabase Database { get; private set; }

    public List<Block> Blocks { get; } = [];

    public static TestChain Create(int accounts = 3, ulong blockReward = 100, uint treasuryPercent = 20)
    {
        var directory = Path.Combine(Path.GetTempPath(), "theblock-storage-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var keys = Enumerable.Range(0, accounts).Select(Key).ToList();
        var validator = KeyFor("validator");
        var genesis = new Genesis(
            ChainId,
            GenesisTimeMs,
            new ChainParameters(blockReward, treasuryPercent, EpochLength: 10, BlockIntervalMs, MaxBlockTransactions: 1_000),
            [.. keys.Select(k => new GenesisAllocation(k.Address, Balance))],
            new TreasuryBalances(5_000, 7_000),
            [validator.PublicKey],
            GovernanceParameters.WithDefaults([.. keys.Take(1).Select(k => new CouncilMember(k.Address, 100))], [validator.Address]));
        return new TestChain(directory, GenesisFile.Serialize(genesis), keys, validator);
    }

    /// <summary>The key of funded account <paramref name="index"/>: its seed is SHA-256("TheBlock/test/key/{index}").</summary>
    public static SigningKey Key(int index) => KeyFor($"key/{index}");

    public static SigningKey KeyFor(string label) =>
        SigningKey.FromSeed(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes("TheBlock/test/" + label)).ToArray());

    /// <summary>An address nobody holds the key of.</summary>
    public static Address Stranger(int index) =>
        new(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"TheBlock/test/stranger/{index}")).ToArray().AsSpan(0, Address.Size));

    public Address AddressOf(int index) => Keys[index].Address;

    public Transaction Transfer(int from, Address to, ulong amount, ulong fee = 0) =>
        Transaction.CreateSigned(ChainId, Keys[from], State.GetAccount(AddressOf(from)).Nonce + 1, fee, new TransferPayload(to, amount));

    /// <summary>
    /// Signs <paramref name="payload"/> with <paramref name="key"/>'s next nonce plus <paramref name="nonceOffset"/> (for the
    /// second and later transactions of one sender in a block).
    /// </summary>
    public Transaction Sign(SigningKey key, TransactionPayload payload, ulong nonceOffset = 0) =>
        Transaction.CreateSigned(ChainId, key, State.GetAccount(key.Address).Nonce + 1 + nonceOffset, 0, payload);

    /// <summary>Commits empty blocks until the head is at <paramref name="height"/>.</summary>
    public void CommitEmptyBlocksUntil(ulong height)
    {
        while (State.Height < height)
        {
            ProposeAndCommit();
        }
    }

    /// <summary>Proposes the next block without committing it anywhere.</summary>
    public ProposedBlock Propose(params Transaction[] candidates) =>
        BlockExecutor.Propose(State, candidates, State.LastBlockTimeMs + BlockIntervalMs, Validator);

    /// <summary>Proposes the next block, commits it to the database and then to <see cref="State"/>, as a node does.</summary>
    public ProposedBlock ProposeAndCommit(params Transaction[] candidates)
    {
        var proposed = Propose(candidates);
        Database.CommitBlock(proposed.Effects);
        State.Commit(proposed.Effects);
        Blocks.Add(proposed.Block);
        return proposed;
    }

    /// <summary>Commits <paramref name="count"/> blocks, each with a few transfers between the funded keys.</summary>
    public void CommitBlocks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var from = i % Keys.Count;
            ProposeAndCommit(
                Transfer(from, AddressOf((from + 1) % Keys.Count), (ulong)(100 + i), fee: (ulong)(i % 3)),
                Transfer((from + 1) % Keys.Count, Stranger(i % 2), 7));
        }
    }

    /// <summary>Closes the database, as a stopped node does.</summary>
    public void Close()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Closes and reopens the database, as a restarted node does, and loads the state from it. Indexes are derived
    /// only when a test calls <see cref="ChainDatabase.RunMaintenance"/>, unless <paramref name="maintainInBackground"/>.
    /// </summary>
    public ChainState Reopen(bool maintainInBackground = false, Action<MaintenanceFailure>? onMaintenanceFailure = null)
    {
        Close();
        Database = ChainDatabase.Open(DatabasePath, maintainInBackground, onMaintenanceFailure);
        State = Database.LoadState(GenesisFile.Parse(Database.GenesisJson));
        return State;
    }

    /// <summary>Runs raw SQL on the database file, behind the node's back.</summary>
    public int Tamper(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    public long Count(string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        Close();
        foreach (var key in Keys)
        {
            key.Dispose();
        }

        Validator.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
