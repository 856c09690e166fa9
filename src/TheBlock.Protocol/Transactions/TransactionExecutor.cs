using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Transactions;

/// <summary>The rules every transaction obeys, and what each kind does to the state.</summary>
public static class TransactionExecutor
{
    /// <summary>
    /// Checks what can be checked without the state: chain, size, amounts, and (unless already done) the signature.
    /// Mempool admission and block application both start here.
    /// </summary>
    public static Rejection? CheckStateless(Transaction transaction, string chainId, bool verifySignature)
    {
        if (transaction.ChainId != chainId)
        {
            return new Rejection(RejectionReasons.WrongChain, $"transaction is for chain \"{transaction.ChainId}\"; this chain is \"{chainId}\"");
        }

        if (transaction.Payload.CheckStateless() is { } payloadRejection)
        {
            return payloadRejection;
        }

        if (verifySignature && !transaction.VerifySignature())
        {
            return new Rejection(RejectionReasons.BadSignature, $"signature does not verify for sender {transaction.Sender}");
        }

        return null;
    }

    /// <summary>Checks the nonce and funds against <paramref name="sender"/>'s current account.</summary>
    public static Rejection? CheckAgainstAccount(Transaction transaction, Account sender)
    {
        if (transaction.Nonce <= sender.Nonce)
        {
            return new Rejection(RejectionReasons.NonceReplay, $"nonce {transaction.Nonce} was already used by {transaction.Sender}; next is {sender.Nonce + 1}");
        }

        if (transaction.Nonce != sender.Nonce + 1)
        {
            return new Rejection(RejectionReasons.NonceGap, $"nonce {transaction.Nonce} skips ahead; next for {transaction.Sender} is {sender.Nonce + 1}");
        }

        var cost = Cost(transaction);
        if (cost > sender.Balance)
        {
            return new Rejection(RejectionReasons.InsufficientBalance, $"{transaction.Sender} holds {sender.Balance} CT but the transaction needs {cost} CT");
        }

        return null;
    }

    /// <summary>Applies a transaction whose stateless checks passed; on rejection the overlay is unchanged.</summary>
    public static Rejection? Apply(StateOverlay overlay, Transaction transaction, Address producer)
    {
        var sender = overlay.GetAccount(transaction.Sender);
        if (CheckAgainstAccount(transaction, sender) is { } rejection)
        {
            return rejection;
        }

        var checkpoint = overlay.Checkpoint();
        var reference = transaction.Hash.ToString();
        overlay.SetAccount(transaction.Sender, sender with { Nonce = transaction.Nonce });
        overlay.Debit(transaction.Sender, transaction.Fee, LedgerEntryKind.Fee, reference);
        overlay.Credit(producer, transaction.Fee, LedgerEntryKind.FeeIncome, reference);
        var refused = ApplyPayload(overlay, transaction, reference);
        if (refused is not null)
        {
            overlay.RevertTo(checkpoint);
        }

        return refused;
    }

    /// <summary>
    /// Checks a module transaction's rule against the committed state as the next block would see it at
    /// <paramref name="timeMs"/>, ignoring nonce and fee, so admission can refuse what a block would drop.
    /// Transfers need no such check (nonce and funds are checked at admission).
    /// </summary>
    public static Rejection? CheckAgainstState(ChainState state, Transaction transaction, ulong timeMs)
    {
        if (transaction.Kind == TransactionKind.Transfer || state.Modules.TypeOf(transaction.Kind.Code) is { CanRefuseAgainstState: false })
        {
            return null;
        }

        var overlay = new StateOverlay(state, state.Height + 1, Math.Max(timeMs, state.LastBlockTimeMs + 1));
        return ApplyPayload(overlay, transaction, transaction.Hash.ToString());
    }

    private static Rejection? ApplyPayload(StateOverlay overlay, Transaction transaction, string reference) =>
        (overlay.Committed.Modules.TypeOf(transaction.Kind.Code)
            ?? throw new InvalidOperationException($"no module of this chain handles transaction kind {transaction.Kind}"))
        .Apply(overlay, transaction, reference);

    /// <summary>Everything the sender must hold for the transaction: what it moves plus the fee.</summary>
    public static UInt128 Cost(Transaction transaction) => (UInt128)transaction.Fee + transaction.Payload.Spends;
}
