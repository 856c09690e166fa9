using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Tests.Ledger;

public class StateAccumulatorTests
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;

    private static byte[] Entry(int i) => System.Text.Encoding.UTF8.GetBytes($"entry {i}");

    [Fact]
    public void The_empty_accumulator_is_zero_and_its_root_is_the_tagged_hash_of_zero()
    {
        var empty = default(StateAccumulator);

        Assert.Equal(new byte[32], empty.ToBytes());
        Assert.Equal(Hash32.Sha256([.. "TheBlock/state/v1"u8, .. new byte[32]]), empty.Root());
        Assert.Equal("f16c266008cf5e53912dcda79494d86aacad67cdac7c37d494c91b0d011a6f99", empty.Root().ToString());
    }

    [Fact]
    public void Adding_then_removing_an_entry_returns_to_the_start()
    {
        var accumulator = default(StateAccumulator);
        accumulator.Add(Entry(1));
        accumulator.Add(Entry(2));
        var start = accumulator;

        accumulator.Add(Entry(3));
        Assert.NotEqual(start, accumulator);
        accumulator.Remove(Entry(3));

        Assert.Equal(start, accumulator);
        Assert.Equal(start.Root(), accumulator.Root());
    }

    [Fact]
    public void Removing_an_entry_that_was_never_added_then_adding_it_returns_to_the_start()
    {
        var accumulator = default(StateAccumulator);
        accumulator.Remove(Entry(9));
        accumulator.Add(Entry(9));

        Assert.Equal(default, accumulator);
    }

    [Fact]
    public void Adding_is_the_sum_of_the_SHA256_digests_modulo_2_to_the_256()
    {
        var accumulator = StateAccumulator.FromBytes(Enumerable.Repeat((byte)0xff, 32).ToArray());
        accumulator.Add(Entry(1));

        Assert.Equal(ToBytes(Modulus - 1 + Digest(Entry(1))), accumulator.ToBytes());
    }

    [Fact]
    public void Bytes_round_trip_through_FromBytes()
    {
        var accumulator = default(StateAccumulator);
        accumulator.Add(Entry(1));
        accumulator.Add(Entry(2));

        var copy = StateAccumulator.FromBytes(accumulator.ToBytes());

        Assert.Equal(accumulator, copy);
        Assert.Equal(accumulator.GetHashCode(), copy.GetHashCode());
        Assert.Equal(accumulator.Root(), copy.Root());
    }

    [Fact]
    public void FromBytes_refuses_anything_but_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => StateAccumulator.FromBytes(new byte[31]));
        Assert.Throws<ArgumentException>(() => StateAccumulator.FromBytes(new byte[33]));
    }

    [Fact]
    public void The_documented_state_root_vector_never_changes()
    {
        var sender = Address.FromPublicKey(Convert.FromHexString(Transactions.TransactionTestVectorTests.PublicKeyHex));
        var account = StateEntries.Account(sender, new Account(1000, 1));
        var treasury = StateEntries.Treasury(new TreasuryBalances(0, 0));
        var supply = StateEntries.Supply(new SupplyCounters(1000, 0, 0));
        var systemBalance = StateEntries.SystemBalance(new SystemBalanceKey("escrow", SubLedger.It), 5);
        var moduleEntry = StateEntries.ModuleEntry(StateKey.Of(2, (byte)'n', 7), StateValue.FromBytes([1, 2, 3]));

        Assert.Equal("0165b60673d6ed884bf01c2c222d82ada0740f29ace8030000000000000100000000000000", Convert.ToHexStringLower(account));
        Assert.Equal("0200000000000000000000000000000000", Convert.ToHexStringLower(treasury));
        Assert.Equal("03e80300000000000000000000000000000000000000000000", Convert.ToHexStringLower(supply));
        Assert.Equal("080600657363726f77020500000000000000", Convert.ToHexStringLower(systemBalance));
        Assert.Equal("090a00026e00000000000000070300010203", Convert.ToHexStringLower(moduleEntry));

        var accumulator = default(StateAccumulator);
        accumulator.Add(account);
        accumulator.Add(treasury);
        accumulator.Add(supply);

        Assert.Equal("15151f54bb8df25a63ed22b8c136eff41310c8baf8979af632b04f34c66f55e4", Convert.ToHexStringLower(accumulator.ToBytes()));
        Assert.Equal("dc41fe4c608ece03d58266f538c679836c0eb2abf5fb00402f838ba0b16afe5f", accumulator.Root().ToString());
    }

    [Fact]
    public void A_state_restored_from_its_rows_has_the_documented_root()
    {
        var sender = Address.FromPublicKey(Convert.FromHexString(Transactions.TransactionTestVectorTests.PublicKeyHex));
        var genesis = TestChain.Create().Genesis;

        var state = ChainState.Restore(genesis, StandardChain.Modules, 0, Hash32.Zero, 0, [new(sender, new Account(1000, 1))], default, new SupplyCounters(1000, 0, 0), [], []);

        Assert.Equal("dc41fe4c608ece03d58266f538c679836c0eb2abf5fb00402f838ba0b16afe5f", state.StateRoot.ToString());
    }

    [Property(MaxTest = 200)]
    public Property The_accumulator_does_not_depend_on_the_order_entries_are_added_in() =>
        Prop.ForAll(
            Arb.From(Gen.ListOf(ArbMap.Default.GeneratorFor<byte[]>()).SelectMany(entries => Gen.Shuffle(entries.ToArray()).Select(shuffled => (entries, shuffled)))),
            pair =>
            {
                var inOrder = default(StateAccumulator);
                foreach (var entry in pair.entries)
                {
                    inOrder.Add(entry);
                }

                var shuffled = default(StateAccumulator);
                foreach (var entry in pair.shuffled)
                {
                    shuffled.Add(entry);
                }

                return inOrder == shuffled;
            });

    [Property(MaxTest = 200)]
    public Property Adding_and_removing_matches_modular_arithmetic_on_256_bit_integers() =>
        Prop.ForAll(
            Arb.From(Gen.Zip(StartGen(), Gen.ListOf(Gen.Zip(ArbMap.Default.GeneratorFor<byte[]>(), ArbMap.Default.GeneratorFor<bool>())))),
            input =>
            {
                var (start, operations) = input;
                var accumulator = StateAccumulator.FromBytes(start);
                var model = new BigInteger(start, isUnsigned: true, isBigEndian: false);
                foreach (var (entry, remove) in operations)
                {
                    if (remove)
                    {
                        accumulator.Remove(entry);
                        model -= Digest(entry);
                    }
                    else
                    {
                        accumulator.Add(entry);
                        model += Digest(entry);
                    }
                }

                return accumulator.ToBytes().AsSpan().SequenceEqual(ToBytes(model));
            });

    /// <summary>Start values biased towards all-ones limbs, where every carry and borrow propagates.</summary>
    private static Gen<byte[]> StartGen() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte>().ArrayOf(32),
        Gen.Constant(Enumerable.Repeat((byte)0xff, 32).ToArray()),
        Gen.Constant(new byte[32]),
        Gen.Elements<byte>(0x00, 0xff, 0xfe, 0x01).ArrayOf(32));

    private static BigInteger Digest(byte[] entry) => new(Hash32.Sha256(entry).ToArray(), isUnsigned: true, isBigEndian: false);

    private static byte[] ToBytes(BigInteger value)
    {
        var reduced = ((value % Modulus) + Modulus) % Modulus;
        var bytes = new byte[32];
        reduced.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }
}
