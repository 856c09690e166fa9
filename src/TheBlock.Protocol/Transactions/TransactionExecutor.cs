using TheBlock.Protocol.Chain;
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

        if (transaction.Payload is TransferPayload { Amount: 0 })
        {
            return new Rejection(RejectionReasons.InvalidAmount, "transfer amount must be at least 1 CT");
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

        var reference = transaction.Hash.ToString();
        overlay.SetAccount(transaction.Sender, sender with { Nonce = transaction.Nonce });
        overlay.Debit(transaction.Sender, transaction.Fee, LedgerEntryKind.Fee, reference);
        overlay.Credit(producer, transaction.Fee, LedgerEntryKind.FeeIncome, reference);
        switch (transaction.Payload)
        {
            case TransferPayload transfer:
                overlay.Debit(transaction.Sender, transfer.Amount, LedgerEntryKind.TransferOut, reference);
                overlay.Credit(transfer.To, transfer.Amount, LedgerEntryKind.TransferIn, reference);
                break;
            default:
                throw new InvalidOperationException($"no rule for transaction kind {transaction.Kind}");
        }

        return null;
    }

    /// <summary>Everything the sender must hold for the transaction: what it moves plus the fee.</summary>
    public static UInt128 Cost(Transaction transaction) => (UInt128)transaction.Fee + transaction.Payload switch
    {
        TransferPayload transfer => transfer.Amount,
        _ => 0UL,
    };
}
