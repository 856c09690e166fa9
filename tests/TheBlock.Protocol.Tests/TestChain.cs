using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests;

/// <summary>
/// A small deterministic chain for tests: a genesis with funded keys derived from fixed seeds, one validator,
/// and helpers to sign transfers and propose blocks on top of the current state.
/// </summary>
internal sealed class TestChain
{
    public const string ChainId = "testnet";
    public const ulong GenesisTimeMs = 1_700_000_000_000;
    public const ulong BlockIntervalMs = 1_000;

    private TestChain(Genesis genesis, Hash32 genesisHash, IReadOnlyList<SigningKey> keys, SigningKey validator)
    {
        Genesis = genesis;
        GenesisHash = genesisHash;
        Keys = keys;
        Validator = validator;
        var (state, effects) = ChainState.CreateGenesis(genesis, genesisHash, StandardChain.Modules);
        State = state;
        GenesisEffects = effects;
    }

    public Genesis Genesis { get; }

    public Hash32 GenesisHash { get; }

    /// <summary>The funded account keys, in allocation order.</summary>
    public IReadOnlyList<SigningKey> Keys { get; }

    /// <summary>The only validator: it produces every block.</summary>
    public SigningKey Validator { get; }

    public ChainState State { get; }

    public BlockEffects GenesisEffects { get; }

    public List<Block> Blocks { get; } = [];

    public ChainParameters Parameters => Genesis.Parameters;

    public static TestChain Create(
        int accounts = 4,
        ulong balance = 1_000_000,
        ulong blockReward = 100,
        uint treasuryPercent = 20,
        ulong treasuryCt = 5_000,
        ulong treasuryIt = 7_000,
        int maxBlockTransactions = 1_000)
    {
        var keys = Enumerable.Range(0, accounts).Select(Key).ToList();
        var validator = KeyFor("validator");
        var genesis = new Genesis(
            ChainId,
            GenesisTimeMs,
            new ChainParameters(blockReward, treasuryPercent, EpochLength: 10, BlockIntervalMs, maxBlockTransactions),
            [.. keys.Select(k => new GenesisAllocation(k.Address, balance))],
            new TreasuryBalances(treasuryCt, treasuryIt),
            [validator.PublicKey],
            GovernanceParameters.WithDefaults([.. keys.Take(1).Select(k => new CouncilMember(k.Address, 100))], [validator.Address]));
        return new TestChain(genesis, Hash32.Sha256("TheBlock/test/genesis"u8), keys, validator);
    }

    /// <summary>The key of funded account <paramref name="index"/>: its seed is SHA-256("TheBlock/test/key/{index}").</summary>
    public static SigningKey Key(int index) => KeyFor($"key/{index}");

    /// <summary>A key that genesis knows nothing about.</summary>
    public static SigningKey KeyFor(string label) =>
        SigningKey.FromSeed(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes("TheBlock/test/" + label)).ToArray());

    /// <summary>An address nobody holds the key of.</summary>
    public static Address Stranger(int index) =>
        new(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"TheBlock/test/stranger/{index}")).ToArray().AsSpan(0, Address.Size));

    /// <summary>A state at genesis, as a second replica starting from the same genesis would have it.</summary>
    public ChainState FreshState() => ChainState.CreateGenesis(Genesis, GenesisHash, StandardChain.Modules).State;

    public Address AddressOf(int index) => Keys[index].Address;

    public ulong NextNonce(int index) => State.GetAccount(AddressOf(index)).Nonce + 1;

    public Transaction Transfer(int from, Address to, ulong amount, ulong? nonce = null, ulong fee = 0, string? chainId = null) =>
        Transaction.CreateSigned(chainId ?? ChainId, Keys[from], nonce ?? NextNonce(from), fee, new TransferPayload(to, amount));

    public ulong NextTimeMs => State.LastBlockTimeMs + BlockIntervalMs;

    /// <summary>Proposes the next block from <paramref name="candidates"/> and commits it to <see cref="State"/>.</summary>
    public ProposedBlock ProposeAndCommit(params Transaction[] candidates) => ProposeAndCommit((IEnumerable<Transaction>)candidates);

    public ProposedBlock ProposeAndCommit(IEnumerable<Transaction> candidates)
    {
        var proposed = BlockExecutor.Propose(State, candidates, NextTimeMs, Validator);
        State.Commit(proposed.Effects);
        Blocks.Add(proposed.Block);
        return proposed;
    }

    /// <summary>A block with the given header signed by <paramref name="producer"/> (the validator by default).</summary>
    public static Block Sign(BlockHeader header, IReadOnlyList<Transaction> transactions, SigningKey producer) =>
        new(header with { ProducerKey = producer.PublicKey }, transactions, producer.Sign((header with { ProducerKey = producer.PublicKey }).Hash().ToArray()));

    /// <summary>Sum of every balance the state holds, treasury included, computed here rather than by the code under test.</summary>
    public static UInt128 TotalHeld(ChainState state)
    {
        UInt128 total = (UInt128)state.Treasury.Ct + state.Treasury.It;
        foreach (var (_, account) in state.Accounts)
        {
            total += account.Balance;
        }

        return total;
    }
}
