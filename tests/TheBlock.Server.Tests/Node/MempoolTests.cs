using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Node;

namespace TheBlock.Server.Tests.Node;

public sealed class MempoolTests : IDisposable
{
    private readonly SigningKey _alice = TestKeys.Filled(1);
    private readonly SigningKey _bob = TestKeys.Filled(2);
    private readonly Address _carol = Address.FromPublicKey(new byte[32]);

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public void Pending_transactions_count_toward_the_next_nonce_and_the_balance()
    {
        var mempool = new Mempool(10);
        var funded = new Account(Balance: 100, Nonce: 0);

        Assert.Null(mempool.Admit(Transfer(_alice, 1, 60), funded));
        Assert.Equal(2UL, mempool.NextNonce(_alice.Address, funded));

        var overdraft = mempool.Admit(Transfer(_alice, 2, 41), funded);
        Assert.Equal(RejectionReasons.InsufficientBalance, overdraft?.Reason);
        Assert.Null(mempool.Admit(Transfer(_alice, 2, 40), funded));
    }

    [Fact]
    public void A_nonce_already_used_or_pending_is_a_replay_and_one_that_skips_ahead_is_a_gap()
    {
        var mempool = new Mempool(10);
        var account = new Account(Balance: 1_000, Nonce: 3);

        Assert.Equal(RejectionReasons.NonceReplay, mempool.Admit(Transfer(_alice, 3, 1), account)?.Reason);
        Assert.Null(mempool.Admit(Transfer(_alice, 4, 1), account));
        Assert.Equal(RejectionReasons.NonceReplay, mempool.Admit(Transfer(_alice, 4, 2), account)?.Reason);
        Assert.Equal(RejectionReasons.NonceGap, mempool.Admit(Transfer(_alice, 6, 1), account)?.Reason);
    }

    [Fact]
    public void The_same_transaction_twice_is_a_duplicate()
    {
        var mempool = new Mempool(10);
        var transaction = Transfer(_alice, 1, 5);
        var account = new Account(100, 0);

        Assert.Null(mempool.Admit(transaction, account));
        Assert.Equal(RejectionReasons.Duplicate, mempool.Admit(transaction, account)?.Reason);
        Assert.Equal(1, mempool.Count);
    }

    [Fact]
    public void A_full_mempool_refuses_with_mempool_full()
    {
        var mempool = new Mempool(1);
        Assert.Null(mempool.Admit(Transfer(_alice, 1, 5), new Account(100, 0)));
        Assert.Equal(RejectionReasons.MempoolFull, mempool.Admit(Transfer(_bob, 1, 5), new Account(100, 0))?.Reason);
    }

    [Fact]
    public void Candidates_keep_senders_in_arrival_order_and_each_senders_nonces_in_order()
    {
        var mempool = new Mempool(10);
        var account = new Account(1_000, 0);
        var bob1 = Transfer(_bob, 1, 1);
        var alice1 = Transfer(_alice, 1, 1);
        var bob2 = Transfer(_bob, 2, 1);
        var alice2 = Transfer(_alice, 2, 1);
        foreach (var transaction in new[] { bob1, alice1, bob2, alice2 })
        {
            Assert.Null(mempool.Admit(transaction, account));
        }

        Assert.Equal([bob1, bob2, alice1, alice2], mempool.Candidates(10));
        Assert.Equal([bob1, bob2, alice1], mempool.Candidates(3));
    }

    [Fact]
    public void Removing_from_a_nonce_drops_that_transaction_and_every_later_one_of_the_sender()
    {
        var mempool = new Mempool(10);
        var account = new Account(1_000, 0);
        var first = Transfer(_alice, 1, 1);
        var second = Transfer(_alice, 2, 1);
        var third = Transfer(_alice, 3, 1);
        foreach (var transaction in new[] { first, second, third })
        {
            mempool.Admit(transaction, account);
        }

        Assert.Equal([second, third], mempool.RemoveFrom(_alice.Address, 2));
        Assert.True(mempool.Contains(first.Hash));
        Assert.Equal(2UL, mempool.NextNonce(_alice.Address, account));
    }

    private Transaction Transfer(SigningKey from, ulong nonce, ulong amount) =>
        Transaction.CreateSigned("devnet", from, nonce, 0, new TransferPayload(_carol, amount));
}
