using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests.Properties;

/// <summary>
/// Random workloads of valid and invalid transfers, proposed into random-sized blocks. After every block the
/// ledger must add up, only the block reward may create CT, the executor must agree with an independent model of
/// the rules, and a second replica applying the same blocks must reach the same state root at every height.
/// </summary>
public class ChainProperties
{
    private const int FundedKeys = 4;
    private const ulong GenesisBalance = 10_000;

    public enum AmountKind
    {
        Small,
        Zero,
        WholeBalance,
        OverBalance,
        Maximum,
    }

    public enum NonceKind
    {
        Next,
        Replayed,
        Gapped,
    }

    /// <summary>
    /// One candidate transfer. <see cref="Recipient"/> 0..3 is a funded key, 4..5 a stranger, 6 the producer,
    /// 7 the sender itself.
    /// </summary>
    public sealed record TransferSpec(int Sender, int Recipient, AmountKind AmountKind, ulong SmallAmount, NonceKind NonceKind, ulong Fee, bool WrongChain, bool BadSignature)
    {
        public override string ToString() =>
            $"{Sender}->{Recipient} {AmountKind}({SmallAmount}) {NonceKind} fee {Fee}{(WrongChain ? " wrong-chain" : "")}{(BadSignature ? " bad-sig" : "")}";
    }

    public sealed record Workload(ulong BlockReward, uint TreasuryPercent, IReadOnlyList<IReadOnlyList<TransferSpec>> Blocks)
    {
        public override string ToString() =>
            $"reward {BlockReward}, treasury {TreasuryPercent}%, blocks:\n" +
            string.Join("\n", Blocks.Select((b, i) => $"  {i + 1}: [{string.Join("; ", b)}]"));
    }

    private static Gen<TransferSpec> TransferGen() =>
        from sender in Gen.Choose(0, FundedKeys - 1)
        from recipient in Gen.Choose(0, 7)
        from amountKind in Gen.Frequency(
            (12, Gen.Constant(AmountKind.Small)),
            (1, Gen.Constant(AmountKind.Zero)),
            (1, Gen.Constant(AmountKind.WholeBalance)),
            (2, Gen.Constant(AmountKind.OverBalance)),
            (1, Gen.Constant(AmountKind.Maximum)))
        from small in Gen.Choose(1, 4_000)
        from nonceKind in Gen.Frequency(
            (10, Gen.Constant(NonceKind.Next)),
            (1, Gen.Constant(NonceKind.Replayed)),
            (1, Gen.Constant(NonceKind.Gapped)))
        from fee in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 50)))
        from wrongChain in Gen.Frequency((15, Gen.Constant(false)), (1, Gen.Constant(true)))
        from badSignature in Gen.Frequency((15, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new TransferSpec(sender, recipient, amountKind, (ulong)small, nonceKind, (ulong)fee, wrongChain, badSignature);

    private static Gen<Workload> WorkloadGen() =>
        from reward in Gen.Elements(0UL, 1UL, 100UL, 12_345UL)
        from percent in Gen.Elements(0U, 20U, 33U, 100U)
        from blockCount in Gen.Choose(1, 8)
        from blocks in Gen.Choose(0, 10).SelectMany(size => TransferGen().ListOf(size)).ListOf(blockCount)
        select new Workload(reward, percent, [.. blocks.Select(b => (IReadOnlyList<TransferSpec>)[.. b])]);

    [Property(MaxTest = 80)]
    public Property Random_workloads_conserve_CT_follow_the_rules_and_replay_to_the_same_roots() =>
        Prop.ForAll(Arb.From(WorkloadGen()), workload =>
        {
            Run(workload);
            return true;
        });

    private static void Run(Workload workload)
    {
        var chain = TestChain.Create(FundedKeys, GenesisBalance, workload.BlockReward, workload.TreasuryPercent, treasuryCt: 1_000, treasuryIt: 0);
        var model = new Model(chain);
        var roots = new List<Hash32> { chain.State.StateRoot };
        var genesisSupply = chain.State.Supply.Genesis;
        var heldBefore = TestChain.TotalHeld(chain.State);

        foreach (var specs in workload.Blocks)
        {
            var candidates = Materialize(chain, specs);

            // Mempool admission: stateless checks with the signature; only what passes reaches the producer.
            var admitted = new List<Transaction>();
            foreach (var candidate in candidates)
            {
                var rejection = TransactionExecutor.CheckStateless(candidate, TestGenesis.ChainId, verifySignature: true);
                if (rejection is null)
                {
                    admitted.Add(candidate);
                }
                else
                {
                    Assert.Contains(rejection.Reason, new[] { RejectionReasons.WrongChain, RejectionReasons.InvalidAmount, RejectionReasons.BadSignature });
                }
            }

            var proposed = chain.ProposeAndCommit(admitted);
            var expectedIncluded = model.ApplyBlock(admitted);

            // The executor agrees with the model on what got in and on every balance and nonce.
            Assert.Equal(expectedIncluded.Select(t => t.Hash), proposed.Block.Transactions.Select(t => t.Hash));
            Assert.All(proposed.Dropped, d => Assert.Contains(
                d.Rejection.Reason,
                new[] { RejectionReasons.NonceReplay, RejectionReasons.NonceGap, RejectionReasons.InsufficientBalance }));
            model.AssertMatches(chain.State);

            // Conservation, by the code under test and by an independent sum.
            chain.State.VerifyConservation();
            var held = TestChain.TotalHeld(chain.State);
            Assert.Equal((UInt128)chain.State.Supply.Expected, held);

            // Only the block reward creates CT; nothing is burned.
            Assert.Equal(heldBefore + workload.BlockReward, held);
            Assert.Equal(genesisSupply, chain.State.Supply.Genesis);
            Assert.Equal(chain.State.Height * workload.BlockReward, chain.State.Supply.Minted);
            Assert.Equal(0UL, chain.State.Supply.Burned);
            heldBefore = held;
            roots.Add(chain.State.StateRoot);
        }

        // A second replica from the same genesis, fed the blocks over the wire, reaches the same root at every height.
        var replica = chain.FreshState();
        Assert.Equal(roots[0], replica.StateRoot);
        foreach (var block in chain.Blocks)
        {
            var effects = BlockExecutor.Apply(replica, Block.Decode(block.Encode(), StandardChain.Modules), signaturesVerified: false);
            replica.Commit(effects);
            Assert.Equal(roots[(int)replica.Height], replica.StateRoot);
            replica.VerifyConservation();
        }

        Assert.Equal(chain.State.LastBlockHash, replica.LastBlockHash);
    }

    private static List<Transaction> Materialize(TestChain chain, IReadOnlyList<TransferSpec> specs)
    {
        // The nonce each sender is expected to use next, assuming its earlier candidates in this block get in.
        var planned = Enumerable.Range(0, FundedKeys).Select(i => chain.State.GetAccount(chain.AddressOf(i)).Nonce).ToArray();
        var transactions = new List<Transaction>();
        foreach (var spec in specs)
        {
            var balance = chain.State.GetAccount(chain.AddressOf(spec.Sender)).Balance;
            var amount = spec.AmountKind switch
            {
                AmountKind.Small => spec.SmallAmount,
                AmountKind.Zero => 0UL,
                AmountKind.WholeBalance => balance,
                AmountKind.OverBalance => balance + spec.SmallAmount,
                _ => ulong.MaxValue,
            };
            var nonce = spec.NonceKind switch
            {
                NonceKind.Next => ++planned[spec.Sender],
                NonceKind.Replayed => planned[spec.Sender],
                _ => planned[spec.Sender] + 2,
            };
            var recipient = spec.Recipient switch
            {
                < FundedKeys => chain.AddressOf(spec.Recipient),
                4 or 5 => TestKeys.Stranger(spec.Recipient),
                6 => chain.Validator.Address,
                _ => chain.AddressOf(spec.Sender),
            };
            var transaction = chain.Transfer(spec.Sender, recipient, amount, nonce, spec.Fee, spec.WrongChain ? "othernet" : null);
            if (spec.BadSignature)
            {
                var bytes = transaction.Encoded.ToArray();
                bytes[^10] ^= 0x04;
                transaction = Transaction.Decode(bytes, StandardChain.Modules);
            }

            transactions.Add(transaction);
        }

        return transactions;
    }

    /// <summary>The transfer rules written out again, independently of the executor, over plain dictionaries.</summary>
    private sealed class Model
    {
        private readonly Dictionary<Address, (ulong Balance, ulong Nonce)> _accounts = [];
        private readonly TestChain _chain;
        private ulong _treasuryCt;

        public Model(TestChain chain)
        {
            _chain = chain;
            foreach (var (address, account) in chain.State.Accounts)
            {
                _accounts[address] = (account.Balance, account.Nonce);
            }

            _treasuryCt = chain.State.Treasury.Ct;
        }

        public List<Transaction> ApplyBlock(IEnumerable<Transaction> candidates)
        {
            var producer = _chain.Validator.Address;
            var included = new List<Transaction>();
            foreach (var transaction in candidates)
            {
                var transfer = (TransferPayload)transaction.Payload;
                var sender = Get(transaction.Sender);
                if (transaction.Nonce != sender.Nonce + 1 || (UInt128)transfer.Amount + transaction.Fee > sender.Balance)
                {
                    continue;
                }

                _accounts[transaction.Sender] = (sender.Balance - transfer.Amount - transaction.Fee, transaction.Nonce);
                _accounts[producer] = (Get(producer).Balance + transaction.Fee, Get(producer).Nonce);
                _accounts[transfer.To] = (Get(transfer.To).Balance + transfer.Amount, Get(transfer.To).Nonce);
                included.Add(transaction);
            }

            var treasuryShare = _chain.Parameters.BlockReward * _chain.Parameters.TreasuryPercent / 100;
            _treasuryCt += treasuryShare;
            _accounts[producer] = (Get(producer).Balance + _chain.Parameters.BlockReward - treasuryShare, Get(producer).Nonce);
            return included;
        }

        public void AssertMatches(ChainState state)
        {
            var expected = _accounts.Where(p => p.Value != (0, 0)).OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Balance, p.Value.Nonce));
            var actual = state.Accounts.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Balance, p.Value.Nonce));
            Assert.Equal(expected, actual);
            Assert.Equal(_treasuryCt, state.Treasury.Ct);
        }

        private (ulong Balance, ulong Nonce) Get(Address address) => _accounts.GetValueOrDefault(address);
    }
}
