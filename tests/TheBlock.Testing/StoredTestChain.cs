using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Storage;

namespace TheBlock.Testing;

/// <summary>
/// A <see cref="TestChain"/> whose every block is committed to a real SQLite <see cref="ChainDatabase"/> before the
/// state takes it, as a node commits. Disposing closes the database, and deletes the directory if the chain made it.
/// </summary>
public sealed class StoredTestChain : TestChain, IDisposable
{
    private readonly TempDirectory? _ownDirectory;
    private readonly bool _ownsKeys;

    private StoredTestChain(
        string databasePath, byte[] genesisJson, ChainDatabase database, IReadOnlyList<SigningKey> keys, SigningKey validator, TimeProvider? clock, TempDirectory? ownDirectory, bool ownsKeys)
        : base(GenesisFile.Parse(genesisJson), GenesisFile.Hash(genesisJson), keys, validator, clock)
    {
        DatabasePath = databasePath;
        GenesisJson = genesisJson;
        Database = database;
        _ownDirectory = ownDirectory;
        _ownsKeys = ownsKeys;
    }

    public string DatabasePath { get; }

    public string Directory => Path.GetDirectoryName(DatabasePath)!;

    public byte[] GenesisJson { get; }

    public ChainDatabase Database { get; private set; }

    /// <summary>The chain of <see cref="TestGenesis.Create"/> in a fresh database under a temp directory it owns.</summary>
    public static StoredTestChain Create(int accounts = 3, ulong blockReward = 100, uint treasuryPercent = 20)
    {
        var directory = new TempDirectory("theblock-storage-tests-");
        var genesisJson = GenesisFile.Serialize(TestGenesis.Create(accounts, blockReward: blockReward, treasuryPercent: treasuryPercent));
        var keys = Enumerable.Range(0, accounts).Select(TestKeys.Key).ToList();
        return Initialize(directory.File("chain.db"), genesisJson, keys, TestKeys.KeyFor("validator"), directory, ownsKeys: true, maintainInBackground: false);
    }

    /// <summary>
    /// A fresh database at <paramref name="databasePath"/> initialized with <paramref name="genesisJson"/>. The caller keeps
    /// the keys and the directory.
    /// </summary>
    public static StoredTestChain Create(
        string databasePath, byte[] genesisJson, SigningKey validator, IReadOnlyList<SigningKey>? keys = null, bool maintainInBackground = false) =>
        Initialize(databasePath, genesisJson, keys ?? [], validator, null, ownsKeys: false, maintainInBackground);

    /// <summary>
    /// A database a node initialized already, at its head. Blocks are stamped with <paramref name="clock"/>'s time when
    /// given (for a node that reads the wall clock next). The caller keeps the key and the directory.
    /// </summary>
    public static StoredTestChain Open(string databasePath, SigningKey validator, TimeProvider? clock = null)
    {
        var database = ChainDatabase.Open(databasePath);
        var chain = new StoredTestChain(databasePath, database.GenesisJson, database, [], validator, clock, null, ownsKeys: false);
        chain.State = TestGenesis.Load(database);
        return chain;
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
    public ChainState Reopen(bool maintainInBackground = false, Action<MaintenanceFailure>? onMaintenanceFailure = null, TimeProvider? time = null)
    {
        Close();
        Database = ChainDatabase.Open(DatabasePath, maintainInBackground, onMaintenanceFailure, time: time);
        State = TestGenesis.Load(Database);
        return State;
    }

    public void Dispose()
    {
        Close();
        if (_ownsKeys)
        {
            foreach (var key in Keys)
            {
                key.Dispose();
            }

            Validator.Dispose();
        }

        _ownDirectory?.Dispose();
    }

    protected override void Persist(BlockEffects effects) => Database.CommitBlock(effects);

    private static StoredTestChain Initialize(
        string databasePath, byte[] genesisJson, IReadOnlyList<SigningKey> keys, SigningKey validator, TempDirectory? ownDirectory, bool ownsKeys, bool maintainInBackground)
    {
        var database = ChainDatabase.Open(databasePath, maintainInBackground);
        var chain = new StoredTestChain(databasePath, genesisJson, database, keys, validator, null, ownDirectory, ownsKeys);
        database.Initialize(genesisJson, chain.GenesisEffects);
        return chain;
    }
}
