using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests.Chain;

public class BlockExecutorTests
{
    /// <summary>A chain one block ahead of a second replica that has only genesis, and the next block proposed on it.</summary>
    private static (TestChain Chain, ChainState Replica, Block Next) Setup()
    {
        var chain = TestChain.Create();
        var replica = chain.FreshState();
        var first = chain.ProposeAndCommit(chain.Transfer(0, chain.AddressOf(1), 100, fee: 2));
        replica.Commit(BlockExecutor.Apply(replica, first.Block, signaturesVerified: false));
        var next = BlockExecutor.Propose(
            chain.State,
            [chain.Transfer(1, chain.AddressOf(2), 50, fee: 1), chain.Transfer(0, TestKeys.Stranger(0), 70)],
            chain.NextTimeMs,
            chain.Validator).Block;
        return (chain, replica, next);
    }

    private static Block Resign(Block block, Func<BlockHeader, BlockHeader> change, IReadOnlyList<Transaction>? transactions = null, SigningKey? producer = null)
    {
        using var validator = TestKeys.KeyFor("validator");
        return TestChain.Sign(change(block.Header), transactions ?? block.Transactions, producer ?? validator);
    }

    private static string Rejected(ChainState state, Block block) =>
        Assert.Throws<BlockRejectedException>(() => BlockExecutor.Apply(state, block, signaturesVerified: false)).Rejection.Reason;

    [Fact]
    public void Applying_a_proposed_block_on_a_second_replica_reaches_the_same_state_root()
    {
        var (chain, replica, next) = Setup();
        var proposed = BlockExecutor.Propose(chain.State, next.Transactions, next.Header.TimeMs, chain.Validator);

        var effects = BlockExecutor.Apply(replica, Block.Decode(next.Encode(), StandardChain.Modules), signaturesVerified: false);

        Assert.Equal(next.Header.StateRoot, effects.StateRoot);
        Assert.Equal(proposed.Effects.ChangedAccounts, effects.ChangedAccounts);
        Assert.Equal(proposed.Effects.Entries, effects.Entries);
        Assert.Equal(proposed.Effects.Treasury, effects.Treasury);
        Assert.Equal(proposed.Effects.Supply, effects.Supply);
        replica.Commit(effects);
        chain.State.Commit(proposed.Effects);
        Assert.Equal(chain.State.StateRoot, replica.StateRoot);
        Assert.Equal(chain.State.LastBlockHash, replica.LastBlockHash);
    }

    [Fact]
    public void Replaying_the_same_blocks_on_a_fresh_state_gives_the_same_state_root()
    {
        var chain = TestChain.Create();
        for (var i = 0; i < 6; i++)
        {
            chain.ProposeAndCommit(chain.Transfer(i % 4, chain.AddressOf((i + 1) % 4), (ulong)(i + 1) * 10, fee: (ulong)i));
        }

        var replica = chain.FreshState();
        foreach (var block in chain.Blocks)
        {
            replica.Commit(BlockExecutor.Apply(replica, block, signaturesVerified: false));
        }

        Assert.Equal(chain.State.Height, replica.Height);
        Assert.Equal(chain.State.StateRoot, replica.StateRoot);
        Assert.Equal(chain.State.Accounts.OrderBy(p => p.Key), replica.Accounts.OrderBy(p => p.Key));
    }

    [Fact]
    public void Genesis_is_block_zero_built_on_the_genesis_hash()
    {
        var chain = TestChain.Create();

        Assert.Equal(0UL, chain.State.Height);
        Assert.Equal(chain.GenesisHash, chain.GenesisEffects.Block.Header.PreviousHash);
        Assert.Equal(chain.GenesisEffects.Block.Hash, chain.State.LastBlockHash);
        Assert.Equal(TestGenesis.GenesisTimeMs, chain.State.LastBlockTimeMs);
        Assert.Equal(chain.FreshState().StateRoot, chain.State.StateRoot);
        Assert.Equal(4_000_000UL + 12_000, chain.State.Supply.Genesis);
        chain.State.VerifyConservation();
    }

    [Fact]
    public void A_block_at_the_wrong_height_is_rejected()
    {
        var (_, replica, next) = Setup();

        Assert.Equal("wrong_height", Rejected(replica, Resign(next, h => h with { Height = 3 })));
        Assert.Equal("wrong_height", Rejected(replica, Resign(next, h => h with { Height = 1 })));
    }

    [Fact]
    public void A_block_on_another_parent_is_rejected()
    {
        var (_, replica, next) = Setup();

        Assert.Equal("wrong_parent", Rejected(replica, Resign(next, h => h with { PreviousHash = Hash32.Sha256("fork"u8) })));
    }

    [Fact]
    public void A_block_whose_time_does_not_increase_is_rejected()
    {
        var (_, replica, next) = Setup();

        Assert.Equal("time_not_increasing", Rejected(replica, Resign(next, h => h with { TimeMs = replica.LastBlockTimeMs })));
        Assert.Equal("time_not_increasing", Rejected(replica, Resign(next, h => h with { TimeMs = replica.LastBlockTimeMs - 1 })));
    }

    [Fact]
    public void A_block_from_a_key_that_is_not_a_validator_is_rejected()
    {
        var (_, replica, next) = Setup();
        using var outsider = TestKeys.KeyFor("outsider");

        Assert.Equal("unknown_producer", Rejected(replica, Resign(next, h => h, producer: outsider)));
    }

    [Fact]
    public void A_block_whose_signature_is_not_its_producers_is_rejected()
    {
        var (_, replica, next) = Setup();
        var signature = (byte[])next.Signature.Clone();
        signature[0] ^= 0x01;

        Assert.Equal("bad_block_signature", Rejected(replica, new Block(next.Header, next.Transactions, signature)));
    }

    [Fact]
    public void A_block_signed_by_another_validator_key_than_its_header_names_is_rejected()
    {
        var (_, replica, next) = Setup();
        using var outsider = TestKeys.KeyFor("outsider");

        Assert.Equal("bad_block_signature", Rejected(replica, new Block(next.Header, next.Transactions, outsider.Sign(next.Hash.ToArray()))));
    }

    [Fact]
    public void A_block_whose_transactions_do_not_match_its_tx_root_is_rejected()
    {
        var (_, replica, next) = Setup();

        Assert.Equal("bad_tx_root", Rejected(replica, Resign(next, h => h with { TransactionsRoot = Hash32.Sha256("other"u8) })));
        Assert.Equal("bad_tx_root", Rejected(replica, Resign(next, h => h, transactions: [.. next.Transactions.Reverse()])));
        Assert.Equal("bad_tx_root", Rejected(replica, Resign(next, h => h, transactions: [next.Transactions[0]])));
    }

    [Fact]
    public void A_block_declaring_receipts_it_does_not_carry_is_rejected()
    {
        var (_, replica, next) = Setup();

        Assert.Equal("bad_receipts_root", Rejected(replica, Resign(next, h => h with { ReceiptsRoot = Hash32.Sha256("receipts"u8) })));
    }

    [Fact]
    public void A_block_with_a_tampered_state_root_is_rejected()
    {
        var (_, replica, next) = Setup();
        var tampered = next.Header.StateRoot.ToArray();
        tampered[31] ^= 0x01;

        var error = Assert.Throws<BlockRejectedException>(() =>
            BlockExecutor.Apply(replica, Resign(next, h => h with { StateRoot = new Hash32(tampered) }), signaturesVerified: false));

        Assert.Equal("state_root_mismatch", error.Rejection.Reason);
        Assert.Contains($"applying it gives {next.Header.StateRoot}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_with_more_transactions_than_allowed_is_rejected()
    {
        var chain = TestChain.Create(maxBlockTransactions: 1);
        var replica = chain.FreshState();
        var header = new BlockHeader(1, chain.NextTimeMs, chain.State.LastBlockHash, Hash32.Zero, Hash32.Zero, Hash32.Zero, chain.Validator.PublicKey);
        Transaction[] transactions = [chain.Transfer(0, chain.AddressOf(1), 1), chain.Transfer(1, chain.AddressOf(0), 1)];
        var block = TestChain.Sign(header with { TransactionsRoot = MerkleRoot.Compute([.. transactions.Select(t => t.Hash)]) }, transactions, chain.Validator);

        Assert.Equal("too_many_transactions", Rejected(replica, block));
    }

    [Theory]
    [InlineData("nonce_gap")]
    [InlineData("nonce_replay")]
    [InlineData("insufficient_balance")]
    [InlineData("wrong_chain")]
    [InlineData("invalid_amount")]
    [InlineData("bad_signature")]
    public void A_block_carrying_an_invalid_transaction_is_rejected_with_the_transactions_reason(string reason)
    {
        var (chain, replica, next) = Setup();
        var invalid = reason switch
        {
            "nonce_gap" => chain.Transfer(2, chain.AddressOf(3), 1, nonce: 5),
            "nonce_replay" => chain.Transfer(0, chain.AddressOf(3), 1, nonce: 1),
            "insufficient_balance" => chain.Transfer(2, chain.AddressOf(3), 2_000_000),
            "wrong_chain" => chain.Transfer(2, chain.AddressOf(3), 1, chainId: "elsewhere"),
            "invalid_amount" => chain.Transfer(2, chain.AddressOf(3), 0),
            _ => BadlySigned(chain.Transfer(2, chain.AddressOf(3), 1)),
        };
        Transaction[] transactions = [.. next.Transactions, invalid];
        var block = Resign(next, h => h with { TransactionsRoot = MerkleRoot.Compute([.. transactions.Select(t => t.Hash)]) }, transactions);

        var error = Assert.Throws<BlockRejectedException>(() => BlockExecutor.Apply(replica, block, signaturesVerified: false));

        Assert.Equal(reason, error.Rejection.Reason);
        Assert.Contains($"transaction {invalid.Hash}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_are_not_checked_again_when_the_host_already_verified_them()
    {
        var (chain, replica, next) = Setup();
        Transaction[] transactions = [BadlySigned(next.Transactions[0]), .. next.Transactions.Skip(1)];
        var proposed = BlockExecutor.Propose(chain.State, transactions, next.Header.TimeMs, chain.Validator).Block;

        Assert.Equal("bad_signature", Rejected(replica, proposed));
        Assert.Equal(proposed.Header.StateRoot, BlockExecutor.Apply(replica, proposed, signaturesVerified: true).StateRoot);
    }

    [Fact]
    public void Applying_a_rejected_block_leaves_the_state_unchanged()
    {
        var (_, replica, next) = Setup();
        var root = replica.StateRoot;

        Rejected(replica, Resign(next, h => h with { StateRoot = Hash32.Zero }));

        Assert.Equal(root, replica.StateRoot);
        Assert.Equal(1UL, replica.Height);
    }

    [Fact]
    public void Propose_leaves_out_failing_candidates_and_says_why()
    {
        var chain = TestChain.Create();
        var good = chain.Transfer(0, chain.AddressOf(1), 10);
        var replay = chain.Transfer(0, chain.AddressOf(1), 10);
        var broke = chain.Transfer(1, chain.AddressOf(2), 5_000_000);
        var foreign = chain.Transfer(2, chain.AddressOf(3), 10, chainId: "other");

        var proposed = chain.ProposeAndCommit(good, replay, broke, foreign);

        Assert.Equal([good.Hash], proposed.Block.Transactions.Select(t => t.Hash));
        Assert.Equal(
            [(replay.Hash, RejectionReasons.NonceReplay), (broke.Hash, RejectionReasons.InsufficientBalance), (foreign.Hash, RejectionReasons.WrongChain)],
            proposed.Dropped.Select(d => (d.Transaction.Hash, d.Rejection.Reason)));
    }

    [Fact]
    public void Propose_includes_at_most_the_maximum_number_of_transactions()
    {
        var chain = TestChain.Create(maxBlockTransactions: 2);
        var proposed = chain.ProposeAndCommit(
            chain.Transfer(0, chain.AddressOf(1), 1, nonce: 1),
            chain.Transfer(0, chain.AddressOf(1), 1, nonce: 2),
            chain.Transfer(0, chain.AddressOf(1), 1, nonce: 3));

        Assert.Equal(2, proposed.Block.Transactions.Count);
        Assert.Equal(2UL, chain.State.GetAccount(chain.AddressOf(0)).Nonce);
    }

    [Fact]
    public void Propose_never_goes_back_in_time()
    {
        var chain = TestChain.Create();
        var last = chain.State.LastBlockTimeMs;

        var proposed = BlockExecutor.Propose(chain.State, [], last - 5_000, chain.Validator);

        Assert.Equal(last + 1, proposed.Block.Header.TimeMs);
    }

    [Fact]
    public void Committing_a_block_that_does_not_follow_the_head_is_an_invariant_violation()
    {
        var (chain, _, next) = Setup();
        var proposed = BlockExecutor.Propose(chain.State, next.Transactions, next.Header.TimeMs, chain.Validator);
        chain.State.Commit(proposed.Effects);

        Assert.Throws<InvariantViolationException>(() => chain.State.Commit(proposed.Effects));
    }

    [Fact]
    public void Committing_block_zero_again_on_top_of_a_later_state_is_an_invariant_violation()
    {
        var chain = TestChain.Create();
        chain.ProposeAndCommit(chain.Transfer(0, TestKeys.Stranger(0), 10));

        Assert.Throws<InvariantViolationException>(() => chain.State.Commit(chain.GenesisEffects));
        Assert.Equal(1UL, chain.State.Height);
    }

    [Fact]
    public void Committing_a_block_built_on_another_parent_is_an_invariant_violation()
    {
        var chain = TestChain.Create();
        var fork = chain.FreshState();
        chain.ProposeAndCommit(chain.Transfer(0, TestKeys.Stranger(0), 10));
        fork.Commit(BlockExecutor.Propose(fork, [], chain.NextTimeMs, chain.Validator).Effects);
        var onFork = BlockExecutor.Propose(fork, [], chain.NextTimeMs + 1_000, chain.Validator);

        Assert.Throws<InvariantViolationException>(() => chain.State.Commit(onFork.Effects));
        Assert.Equal(chain.Blocks[^1].Hash, chain.State.LastBlockHash);
    }

    private static Transaction BadlySigned(Transaction transaction)
    {
        var bytes = transaction.Encoded.ToArray();
        bytes[^1] ^= 0x01;
        return Transaction.Decode(bytes, StandardChain.Modules);
    }
}
