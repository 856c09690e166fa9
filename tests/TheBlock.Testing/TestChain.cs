using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Testing;

/// <summary>
/// A deterministic chain in memory: a genesis, the keys it funds, one validator that produces every block, and helpers
/// to sign transactions and produce blocks on top of <see cref="State"/> the way a node's producer does.
/// </summary>
public class TestChain
{
    private readonly Dictionary<Address, ulong> _lastSigned = [];

    /// <param name="clock">when given, blocks are stamped with its time; otherwise one block interval after the last.</param>
    public TestChain(Genesis genesis, Hash32 genesisHash, IReadOnlyList<SigningKey> keys, SigningKey validator, TimeProvider? clock = null)
    {
        Genesis = genesis;
        GenesisHash = genesisHash;
        Keys = keys;
        Validator = validator;
        Clock = clock;
        (State, GenesisEffects) = TestGenesis.Start(genesis, genesisHash);
    }

    public Genesis Genesis { get; }

    public Hash32 GenesisHash { get; }

    /// <summary>The funded account keys, in allocation order.</summary>
    public IReadOnlyList<SigningKey> Keys { get; }

    /// <summary>The only validator: it produces every block.</summary>
    public SigningKey Validator { get; }

    public TimeProvider? Clock { get; }

    public ChainState State { get; protected set; }

    public BlockEffects GenesisEffects { get; }

    /// <summary>The blocks this chain produced, in order (none if not <see cref="RecordsBlocks"/>).</summary>
    public List<Block> Blocks { get; } = [];

    /// <summary>False for a long chain of large blocks (a benchmark's), which need not stay in memory.</summary>
    public bool RecordsBlocks { get; init; } = true;

    public ChainParameters Parameters => Genesis.Parameters;

    public ulong NextTimeMs => Clock is null ? State.LastBlockTimeMs + Parameters.BlockIntervalMs : (ulong)Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The chain of <see cref="TestGenesis.Create"/>, funding <see cref="TestKeys.Key"/>(0…<paramref name="accounts"/>-1).</summary>
    public static TestChain Create(
        int accounts = 4,
        ulong balance = TestGenesis.Balance,
        ulong blockReward = 100,
        uint treasuryPercent = 20,
        ulong treasuryCt = 5_000,
        ulong treasuryIt = 7_000,
        int maxBlockTransactions = 1_000) =>
        new(
            TestGenesis.Create(accounts, balance, blockReward, treasuryPercent, treasuryCt, treasuryIt, maxBlockTransactions),
            TestGenesis.DefaultHash,
            [.. Enumerable.Range(0, accounts).Select(TestKeys.Key)],
            TestKeys.KeyFor("validator"));

    /// <summary>A state at genesis, as a second replica starting from the same genesis would have it.</summary>
    public ChainState FreshState() => TestGenesis.Start(Genesis, GenesisHash).State;

    public Address AddressOf(int index) => Keys[index].Address;

    public ulong NextNonce(int index) => State.GetAccount(AddressOf(index)).Nonce + 1;

    public Transaction Transfer(int from, Address to, ulong amount, ulong? nonce = null, ulong fee = 0, string? chainId = null) =>
        Transaction.CreateSigned(chainId ?? Genesis.ChainId, Keys[from], nonce ?? NextNonce(from), fee, new TransferPayload(to, amount));

    /// <summary>
    /// Signs <paramref name="payload"/> with <paramref name="key"/>'s next nonce plus <paramref name="nonceOffset"/> (for the
    /// second and later transactions of one sender in a block).
    /// </summary>
    public Transaction Sign(SigningKey key, TransactionPayload payload, ulong nonceOffset = 0, ulong fee = 0) =>
        Transaction.CreateSigned(Genesis.ChainId, key, State.GetAccount(key.Address).Nonce + 1 + nonceOffset, fee, payload);

    /// <summary>
    /// Signs <paramref name="payload"/> with the nonce after <paramref name="key"/>'s last one, counting the transactions
    /// this method signed that are not committed yet (so a sender can have many in a block, or in a batch of blocks).
    /// </summary>
    public Transaction SignNext(SigningKey key, TransactionPayload payload, ulong fee = 0)
    {
        var nonce = Math.Max(State.GetAccount(key.Address).Nonce, _lastSigned.GetValueOrDefault(key.Address)) + 1;
        _lastSigned[key.Address] = nonce;
        return Transaction.CreateSigned(Genesis.ChainId, key, nonce, fee, payload);
    }

    /// <summary>Proposes the next block from <paramref name="candidates"/> without committing it anywhere.</summary>
    public ProposedBlock Propose(params IEnumerable<Transaction> candidates) => BlockExecutor.Propose(State, candidates, NextTimeMs, Validator);

    /// <summary>Commits <paramref name="proposed"/> to <see cref="State"/> (after storing it, for a stored chain), as a node does.</summary>
    public void Commit(ProposedBlock proposed)
    {
        Persist(proposed.Effects);
        State.Commit(proposed.Effects);
        if (RecordsBlocks)
        {
            Blocks.Add(proposed.Block);
        }
    }

    /// <summary>Proposes the next block from <paramref name="candidates"/> and commits it; candidates may be left out.</summary>
    public ProposedBlock ProposeAndCommit(params IEnumerable<Transaction> candidates)
    {
        var proposed = Propose(candidates);
        Commit(proposed);
        return proposed;
    }

    /// <summary>Proposes the next block from <paramref name="transactions"/>; throws if it leaves any of them out.</summary>
    public ProposedBlock ProposeIncluding(IReadOnlyCollection<Transaction> transactions)
    {
        var proposed = Propose(transactions);
        if (proposed.Dropped.Count > 0)
        {
            var (transaction, rejection) = proposed.Dropped[0];
            throw new InvalidOperationException(
                $"block {proposed.Block.Height} left out {proposed.Dropped.Count} of {transactions.Count}, first a {transaction.Kind} transaction: {rejection.Reason}: {rejection.Message}");
        }

        return proposed;
    }

    /// <summary>Commits every one of <paramref name="transactions"/>, in as many blocks as the chain's limit needs; throws if any is left out.</summary>
    public void CommitAll(IReadOnlyList<Transaction> transactions)
    {
        var offset = 0;
        do
        {
            var batch = transactions.Skip(offset).Take(Parameters.MaxBlockTransactions).ToList();
            Commit(ProposeIncluding(batch));
            offset += batch.Count;
        }
        while (offset < transactions.Count);
    }

    /// <summary>Commits empty blocks until the head is at <paramref name="height"/>.</summary>
    public void CommitEmptyBlocksUntil(ulong height)
    {
        while (State.Height < height)
        {
            ProposeAndCommit();
        }
    }

    /// <summary>Commits <paramref name="count"/> blocks, each with a few transfers between the funded keys.</summary>
    public void CommitBlocks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var from = i % Keys.Count;
            ProposeAndCommit(
                Transfer(from, AddressOf((from + 1) % Keys.Count), (ulong)(100 + i), fee: (ulong)(i % 3)),
                Transfer((from + 1) % Keys.Count, TestKeys.Stranger(i % 2), 7));
        }
    }

    /// <summary>A block with the given header signed by <paramref name="producer"/>.</summary>
    public static Block Sign(BlockHeader header, IReadOnlyList<Transaction> transactions, SigningKey producer)
    {
        var signed = header with { ProducerKey = producer.PublicKey };
        return new(signed, transactions, producer.Sign(signed.Hash().ToArray()));
    }

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

    /// <summary>Called with each block's effects before <see cref="State"/> takes them; a stored chain writes them here.</summary>
    protected virtual void Persist(BlockEffects effects)
    {
    }
}
