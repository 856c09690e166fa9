using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests.Transactions;

public class TransactionExecutorTests
{
    private const ulong Balance = 1_000_000;

    private static Rejection? Stateless(TestChain chain, Transaction transaction) =>
        TransactionExecutor.CheckStateless(transaction, TestGenesis.ChainId, verifySignature: true);

    private static (StateOverlay Overlay, Rejection? Rejection) ApplyOne(TestChain chain, Transaction transaction)
    {
        var overlay = new StateOverlay(chain.State, chain.State.Height + 1);
        return (overlay, TransactionExecutor.Apply(overlay, transaction, chain.Validator.Address));
    }

    [Fact]
    public void A_valid_transfer_passes_every_check()
    {
        var chain = TestChain.Create();
        var transfer = chain.Transfer(0, chain.AddressOf(1), 100);

        Assert.Null(Stateless(chain, transfer));
        Assert.Null(TransactionExecutor.CheckAgainstAccount(transfer, chain.State.GetAccount(chain.AddressOf(0))));
    }

    [Fact]
    public void A_transaction_for_another_chain_is_rejected_as_wrong_chain()
    {
        var chain = TestChain.Create();
        var rejection = Stateless(chain, chain.Transfer(0, chain.AddressOf(1), 100, chainId: "mainnet"));

        Assert.Equal(RejectionReasons.WrongChain, rejection?.Reason);
        Assert.Equal("transaction is for chain \"mainnet\"; this chain is \"testnet\"", rejection?.Message);
    }

    [Fact]
    public void A_transfer_of_zero_is_rejected_as_invalid_amount()
    {
        var chain = TestChain.Create();

        Assert.Equal(RejectionReasons.InvalidAmount, Stateless(chain, chain.Transfer(0, chain.AddressOf(1), 0))?.Reason);
    }

    [Fact]
    public void A_tampered_signature_is_rejected_as_bad_signature()
    {
        var chain = TestChain.Create();
        var bytes = chain.Transfer(0, chain.AddressOf(1), 100).Encoded.ToArray();
        bytes[^1] ^= 0x01;
        var tampered = Transaction.Decode(bytes, StandardChain.Modules);

        var rejection = Stateless(chain, tampered);

        Assert.Equal(RejectionReasons.BadSignature, rejection?.Reason);
        Assert.Contains(chain.AddressOf(0).ToString(), rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_is_not_checked_when_the_caller_already_verified_it()
    {
        var chain = TestChain.Create();
        var bytes = chain.Transfer(0, chain.AddressOf(1), 100).Encoded.ToArray();
        bytes[^1] ^= 0x01;

        Assert.Null(TransactionExecutor.CheckStateless(Transaction.Decode(bytes, StandardChain.Modules), TestGenesis.ChainId, verifySignature: false));
    }

    [Fact]
    public void Nonce_zero_is_never_valid_because_nonces_start_at_one()
    {
        var chain = TestChain.Create();
        var (_, rejection) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), 100, nonce: 0));

        Assert.Equal(RejectionReasons.NonceReplay, rejection?.Reason);
    }

    [Fact]
    public void A_used_nonce_is_rejected_as_nonce_replay()
    {
        var chain = TestChain.Create();
        var first = chain.Transfer(0, chain.AddressOf(1), 100);
        chain.ProposeAndCommit(first);

        var (_, again) = ApplyOne(chain, first);
        var (_, older) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), 5, nonce: 1));

        Assert.Equal(RejectionReasons.NonceReplay, again?.Reason);
        Assert.Equal(RejectionReasons.NonceReplay, older?.Reason);
        Assert.Contains("next is 2", again?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nonce_that_skips_ahead_is_rejected_as_nonce_gap()
    {
        var chain = TestChain.Create();
        var (_, rejection) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), 100, nonce: 2));

        Assert.Equal(RejectionReasons.NonceGap, rejection?.Reason);
        Assert.Contains("next for", rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spending_more_than_the_balance_is_rejected_as_insufficient_balance()
    {
        var chain = TestChain.Create();
        var (_, rejection) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), Balance + 1));

        Assert.Equal(RejectionReasons.InsufficientBalance, rejection?.Reason);
        Assert.Equal($"{chain.AddressOf(0)} holds {Balance} CT but the transaction needs {Balance + 1} CT", rejection?.Message);
    }

    [Fact]
    public void The_fee_counts_towards_what_the_sender_must_hold()
    {
        var chain = TestChain.Create();
        var (_, withFee) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), Balance, fee: 1));
        var (_, exact) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), Balance - 1, fee: 1));

        Assert.Equal(RejectionReasons.InsufficientBalance, withFee?.Reason);
        Assert.Null(exact);
    }

    [Fact]
    public void Amount_plus_fee_beyond_64_bits_is_insufficient_balance_not_an_overflow()
    {
        var chain = TestChain.Create();
        var transfer = chain.Transfer(0, chain.AddressOf(1), ulong.MaxValue, fee: ulong.MaxValue);

        Assert.Equal((UInt128)ulong.MaxValue * 2, TransactionExecutor.Cost(transfer));
        Assert.Equal(RejectionReasons.InsufficientBalance, ApplyOne(chain, transfer).Rejection?.Reason);
    }

    [Fact]
    public void A_rejected_transaction_leaves_the_overlay_unchanged()
    {
        var chain = TestChain.Create();
        var (overlay, rejection) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(1), Balance + 1, fee: 3));

        Assert.NotNull(rejection);
        Assert.Empty(overlay.Entries);
        Assert.Equal(new Account(Balance, 0), overlay.GetAccount(chain.AddressOf(0)));
        Assert.Empty(overlay.Seal().ChangedAccounts);
    }

    [Fact]
    public void A_transfer_moves_the_amount_bumps_the_nonce_and_pays_the_fee_to_the_producer()
    {
        var chain = TestChain.Create();
        var recipient = TestKeys.Stranger(0);
        var producer = chain.Validator.Address;
        var transfer = chain.Transfer(0, recipient, 250, fee: 7);
        var (overlay, rejection) = ApplyOne(chain, transfer);

        Assert.Null(rejection);
        Assert.Equal(new Account(Balance - 257, 1), overlay.GetAccount(chain.AddressOf(0)));
        Assert.Equal(new Account(250, 0), overlay.GetAccount(recipient));
        Assert.Equal(new Account(7, 0), overlay.GetAccount(producer));

        var reference = transfer.Hash.ToString();
        Assert.Equal(
            [
                new LedgerEntry(1, LedgerAccount.Of(chain.AddressOf(0)), -7, LedgerEntryKind.Fee, reference),
                new LedgerEntry(1, LedgerAccount.Of(producer), 7, LedgerEntryKind.FeeIncome, reference),
                new LedgerEntry(1, LedgerAccount.Of(chain.AddressOf(0)), -250, LedgerEntryKind.TransferOut, reference),
                new LedgerEntry(1, LedgerAccount.Of(recipient), 250, LedgerEntryKind.TransferIn, reference),
            ],
            overlay.Entries);
    }

    [Fact]
    public void A_transfer_to_oneself_only_costs_the_fee()
    {
        var chain = TestChain.Create();
        var (overlay, rejection) = ApplyOne(chain, chain.Transfer(0, chain.AddressOf(0), Balance - 5, fee: 5));

        Assert.Null(rejection);
        Assert.Equal(new Account(Balance - 5, 1), overlay.GetAccount(chain.AddressOf(0)));
    }

    [Fact]
    public void A_producer_paying_itself_a_fee_keeps_its_balance()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        var rejection = TransactionExecutor.Apply(overlay, chain.Transfer(0, chain.AddressOf(1), 10, fee: 4), chain.AddressOf(0));

        Assert.Null(rejection);
        Assert.Equal(new Account(Balance - 10, 1), overlay.GetAccount(chain.AddressOf(0)));
    }

    [Fact]
    public void Consecutive_nonces_in_one_block_apply_in_order()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        var producer = chain.Validator.Address;

        Assert.Null(TransactionExecutor.Apply(overlay, chain.Transfer(0, chain.AddressOf(1), 1, nonce: 1), producer));
        Assert.Null(TransactionExecutor.Apply(overlay, chain.Transfer(0, chain.AddressOf(1), 1, nonce: 2), producer));
        Assert.Equal(RejectionReasons.NonceReplay, TransactionExecutor.Apply(overlay, chain.Transfer(0, chain.AddressOf(1), 1, nonce: 2), producer)?.Reason);
        Assert.Equal(RejectionReasons.NonceGap, TransactionExecutor.Apply(overlay, chain.Transfer(0, chain.AddressOf(1), 1, nonce: 4), producer)?.Reason);
        Assert.Equal(2UL, overlay.GetAccount(chain.AddressOf(0)).Nonce);
    }
}
