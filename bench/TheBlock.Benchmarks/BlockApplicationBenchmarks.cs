using BenchmarkDotNet.Attributes;
using TheBlock.Benchmarks.Fixtures;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Node;

namespace TheBlock.Benchmarks;

/// <summary>
/// One block of 5,000 signed transfers from 1,000 funded senders (5 each, consecutive nonces), applied to the genesis
/// state again and again: <see cref="BlockExecutor.Apply"/> never changes the state it is given.
/// Every result is per transfer (or per signature), so the Op/s column is the rate.
/// <list type="bullet">
/// <item>(1) <see cref="Ed25519VerifySingleCore"/> and <see cref="Ed25519VerifyParallel"/>: the raw NSec rate, the ceiling.</item>
/// <item>(2) <see cref="ApplyWithParallelVerification"/>: what a node does with a received block; target ≥ 80 % of (1) parallel.</item>
/// <item>(3) <see cref="ApplyPreverified"/> and <see cref="ProposePreverified"/>: the state transition alone; target ≥ 200,000/s.</item>
/// </list>
/// </summary>
[Config(typeof(ThroughputConfig))]
public class BlockApplicationBenchmarks : IDisposable
{
    public const int Transfers = 5_000;
    public const int Senders = 1_000;

    private TransferChain? _chain;
    private Block? _block;
    private Transaction[] _candidates = [];
    private byte[][] _publicKeys = [];
    private byte[][] _messages = [];
    private byte[][] _signatures = [];

    /// <summary>The CLI's and the simulator's default. (A fee adds two ledger entries per transfer; see BlockCommitBenchmarks.)</summary>
    public const ulong Fee = 0;

    [GlobalSetup]
    public void Setup()
    {
        _chain = new TransferChain(Senders);
        _block = _chain.ProduceBlock(Transfers, Fee).Block;
        _candidates = [.. _block.Transactions];

        // The exact bytes Transaction.VerifySignature checks: the domain tag, then the encoding up to the signature.
        var domain = "TheBlock/tx/v1"u8.ToArray();
        _publicKeys = [.. _candidates.Select(t => t.SenderPublicKey.ToArray())];
        _signatures = [.. _candidates.Select(t => t.Signature.ToArray())];
        _messages = [.. _candidates.Select(t => (byte[])[.. domain, .. t.Encoded.Span[..^Ed25519.SignatureSize]])];
        if (_messages.Distinct(ByteArrayComparer.Instance).Count() != Transfers || Ed25519VerifySingleCore() != Transfers)
        {
            throw new InvalidOperationException("the benchmark block must hold distinct, valid signatures");
        }
    }

    [Benchmark(OperationsPerInvoke = Transfers)]
    public int Ed25519VerifySingleCore()
    {
        var valid = 0;
        for (var i = 0; i < _messages.Length; i++)
        {
            if (Ed25519.Verify(_publicKeys[i], _messages[i], _signatures[i]))
            {
                valid++;
            }
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Transfers)]
    public int Ed25519VerifyParallel()
    {
        var valid = 0;
        Parallel.For(0, _messages.Length, () => 0, (i, _, local) => Ed25519.Verify(_publicKeys[i], _messages[i], _signatures[i]) ? local + 1 : local,
            local => Interlocked.Add(ref valid, local));
        return valid;
    }

    [Benchmark(OperationsPerInvoke = Transfers)]
    public BlockEffects ApplyWithParallelVerification()
    {
        var block = _block!;
        if (ParallelSignatureVerifier.FirstInvalid(block.Transactions) is var invalid and >= 0)
        {
            throw new InvalidOperationException($"transaction {invalid} does not verify");
        }

        return BlockExecutor.Apply(_chain!.GenesisState, block, signaturesVerified: true);
    }

    [Benchmark(OperationsPerInvoke = Transfers)]
    public BlockEffects ApplyPreverified() => BlockExecutor.Apply(_chain!.GenesisState, _block!, signaturesVerified: true);

    [Benchmark(OperationsPerInvoke = Transfers)]
    public ProposedBlock ProposePreverified() =>
        BlockExecutor.Propose(_chain!.GenesisState, _candidates, _block!.Header.TimeMs, _chain.Validator);

    [GlobalCleanup]
    public void Dispose()
    {
        _chain?.Dispose();
        _chain = null;
        GC.SuppressFinalize(this);
    }
}
