using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Devnet;
using TheBlock.Storage;

namespace TheBlock.Benchmarks.Fixtures;

/// <summary>
/// A devnet-economics chain with many funded senders, and blocks of signed transfers between them built the way the
/// producer builds them (<see cref="BlockExecutor.Propose"/>). Keys are derived from fixed seeds so every run
/// benchmarks the same blocks.
/// </summary>
public sealed class TransferChain : IDisposable
{
    private const ulong GenesisTimeMs = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private const ulong TransferAmount = 7;

    private readonly SigningKey[] _senders;
    private readonly ulong[] _lastNonce;
    private readonly TestChain _chain;

    public TransferChain(int senderCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(senderCount, 2);
        Validator = TestKeys.KeyFor("bench/validator");
        _senders = [.. Enumerable.Range(0, senderCount).Select(i => TestKeys.KeyFor($"bench/sender/{i}"))];
        _lastNonce = new ulong[senderCount];
        Genesis = DevnetGenesis.Create(
            Validator.PublicKey,
            _senders.Select(k => k.Address),
            DevnetGenesis.DefaultEpochLength,
            DevnetGenesis.DefaultBlockIntervalMs,
            GenesisTimeMs);
        GenesisJson = GenesisFile.Serialize(Genesis);
        var genesisHash = GenesisFile.Hash(GenesisJson);
        (GenesisState, GenesisEffects) = TestGenesis.Start(Genesis, genesisHash);
        _chain = new TestChain(Genesis, genesisHash, _senders, Validator) { RecordsBlocks = false };
    }

    public Genesis Genesis { get; }

    public byte[] GenesisJson { get; }

    /// <summary>The state at height 0; never advanced, so a block at height 1 can be applied to it again and again.</summary>
    public ChainState GenesisState { get; }

    public BlockEffects GenesisEffects { get; }

    public SigningKey Validator { get; }

    /// <summary>The state after the last block <see cref="ProduceBlock"/> returned.</summary>
    public ChainState Tip => _chain.State;

    /// <summary>
    /// Signs <paramref name="count"/> transfers (senders round-robin, each with its next nonce, to the next sender),
    /// proposes them as the next block on <see cref="Tip"/>, and advances the tip. Fails if any is left out.
    /// </summary>
    public BlockEffects ProduceBlock(int count, ulong fee)
    {
        var proposal = _chain.ProposeIncluding(SignTransfers(count, fee));
        if (proposal.Block.Transactions.Count != count)
        {
            throw new InvalidOperationException($"block {proposal.Block.Height} holds {proposal.Block.Transactions.Count} of {count} transfers");
        }

        _chain.Commit(proposal);
        return proposal.Effects;
    }

    /// <summary>Signs transfers in parallel (signing is only set-up cost here); nonces follow on from earlier calls.</summary>
    public Transaction[] SignTransfers(int count, ulong fee)
    {
        var senderCount = _senders.Length;
        var firstNonce = (ulong[])_lastNonce.Clone();
        var transfers = new Transaction[count];
        Parallel.For(0, count, i =>
        {
            var sender = i % senderCount;
            var round = (ulong)(i / senderCount);
            var recipient = _senders[(sender + 1) % senderCount].Address;
            transfers[i] = Transaction.CreateSigned(
                Genesis.ChainId, _senders[sender], firstNonce[sender] + round + 1, fee, new TransferPayload(recipient, TransferAmount));
        });

        for (var i = 0; i < count; i++)
        {
            _lastNonce[i % senderCount]++;
        }

        return transfers;
    }

    public void Dispose()
    {
        Validator.Dispose();
        foreach (var key in _senders)
        {
            key.Dispose();
        }
    }
}
