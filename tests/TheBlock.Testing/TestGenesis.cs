using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Storage;

namespace TheBlock.Testing;

/// <summary>
/// Test geneses and the one place tests turn a genesis into a state: when genesis needs more than the genesis
/// document (a chain's modules, say), only <see cref="Start(Genesis, Hash32)"/> changes.
/// </summary>
public static class TestGenesis
{
    public const string ChainId = "testnet";
    public const ulong GenesisTimeMs = 1_700_000_000_000;
    public const ulong BlockIntervalMs = 1_000;
    public const ulong EpochLength = 10;
    public const ulong Balance = 1_000_000;

    /// <summary>The hash tests use for a genesis that is never written to a file.</summary>
    public static Hash32 DefaultHash { get; } = Hash32.Sha256("TheBlock/test/genesis"u8);

    /// <summary>
    /// Funded accounts <see cref="TestKeys.Key"/>(0…<paramref name="accounts"/>-1), the first of them the whole council,
    /// and <see cref="TestKeys.KeyFor"/>("validator") the only validator and executor.
    /// </summary>
    public static Genesis Create(
        int accounts = 4,
        ulong balance = Balance,
        ulong blockReward = 100,
        uint treasuryPercent = 20,
        ulong treasuryCt = 5_000,
        ulong treasuryIt = 7_000,
        int maxBlockTransactions = 1_000)
    {
        var keys = Enumerable.Range(0, accounts).Select(TestKeys.Key).ToList();
        using var validator = TestKeys.KeyFor("validator");
        var genesis = new Genesis(
            ChainId,
            GenesisTimeMs,
            new ChainParameters(blockReward, treasuryPercent, EpochLength, BlockIntervalMs, maxBlockTransactions),
            [.. keys.Select(k => new GenesisAllocation(k.Address, balance))],
            new TreasuryBalances(treasuryCt, treasuryIt),
            [validator.PublicKey],
            GovernanceParameters.WithDefaults([.. keys.Take(1).Select(k => new CouncilMember(k.Address, 100))], [validator.Address]),
            ModuleParameters.None);
        foreach (var key in keys)
        {
            key.Dispose();
        }

        return genesis;
    }

    /// <summary>
    /// A genesis for a node started from a genesis file: <paramref name="validator"/> is the only validator, council
    /// member and executor, and holds the only balance; blocks are 100 ms apart in 10-block epochs.
    /// </summary>
    public static Genesis ForValidator(string chainId, SigningKey validator) =>
        new(
            chainId,
            1_800_000_000_000,
            new ChainParameters(BlockReward: 500, TreasuryPercent: 10, EpochLength: 10, BlockIntervalMs: 100, MaxBlockTransactions: 1000),
            [new GenesisAllocation(validator.Address, 1_000)],
            new TreasuryBalances(5_000, 0),
            [validator.PublicKey],
            GovernanceParameters.WithDefaults([new CouncilMember(validator.Address, 1)], [validator.Address]),
            ModuleParameters.None);

    /// <summary>The state at height 0 and the genesis block's effects.</summary>
    public static (ChainState State, BlockEffects Effects) Start(Genesis genesis, Hash32 genesisHash) =>
        ChainState.CreateGenesis(genesis, genesisHash, StandardChain.Modules);

    /// <summary>The state at height 0 of the genesis file <paramref name="genesisJson"/>, hashed as a node hashes it.</summary>
    public static (ChainState State, BlockEffects Effects) Start(byte[] genesisJson) =>
        Start(GenesisFile.Parse(genesisJson), GenesisFile.Hash(genesisJson));

    /// <summary>The state a node loads from its database, with the genesis the database holds.</summary>
    public static ChainState Load(ChainDatabase database) => Load(database, GenesisFile.Parse(database.GenesisJson));

    /// <summary>The state a node loads from its database: the one place tests restore a stored chain.</summary>
    public static ChainState Load(ChainDatabase database, Genesis genesis) => database.LoadState(genesis);
}
