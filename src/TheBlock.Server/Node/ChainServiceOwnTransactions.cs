using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>The chain service's own transactions (signed with the validator key) and the hooks modules read the chain through.</summary>
public sealed partial class ChainService
{
    /// <summary>Raised under the chain lock after each durable commit; handlers must be quick and must not call back in.</summary>
    public event Action<CommittedBlock>? BlockCommitted;

    public FaultInjection Faults { get; }

    /// <summary>The node's own transactions signed again after an earlier one of the node's failed in a block.</summary>
    public ResignedTransactions Resigned { get; } = new(10_000);

    /// <summary>Reads the committed state under the chain lock, so <paramref name="read"/> sees one block's state throughout.</summary>
    public T Read<T>(Func<ChainState, T> read)
    {
        lock (_lock)
        {
            return read(_state);
        }
    }

    /// <summary>
    /// Signs <paramref name="payload"/> with the node's key (the validator, which genesis names as a treasury executor)
    /// at its next nonce and admits it. The nonce is chosen and the transaction admitted under one hold of the chain
    /// lock, so neither another of the node's transactions nor a block that re-signs them can take the nonce between.
    /// </summary>
    public (Transaction Transaction, Rejection? Rejection) SubmitSigned(TransactionPayload payload)
    {
        lock (_lock)
        {
            var nonce = _mempool.NextNonce(ValidatorAddress, _state.GetAccount(ValidatorAddress));
            var transaction = Transaction.CreateSigned(Genesis.ChainId, _validatorKey, nonce, 0, payload);
            return (transaction, Submit(transaction, verifySignature: false));
        }
    }

    /// <summary>
    /// One of the node's own transactions failed in a block (under the chain lock, after the commit). Its later
    /// transactions (lease renewals, payouts, an admin's rollback) do not depend on it: instead of dropping them as a
    /// nonce gap, each is signed again at the next free nonce and admitted, and its old hash is recorded as replaced.
    /// One that the chain now refuses is recorded as refused under its new hash.
    /// </summary>
    private void DropOwnTransaction(Transaction failed, Rejection rejection)
    {
        var removed = _mempool.RemoveFrom(failed.Sender, failed.Nonce);
        Rejections.Record(failed.Hash, rejection);
        _metrics.TransactionsRejected.WithLabels(rejection.Reason).Inc();
        _log.LogInformation("TransactionDropped tx_hash={TxHash} reason={Reason}", failed.Hash, rejection.Reason);
        var nowMs = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var later in removed.Where(t => t != failed))
        {
            var nonce = _mempool.NextNonce(ValidatorAddress, _state.GetAccount(ValidatorAddress));
            var replacement = Transaction.CreateSigned(Genesis.ChainId, _validatorKey, nonce, later.Fee, later.Payload);
            Resigned.Record(later.Hash, replacement.Hash);
            Rejections.Record(later.Hash, new Rejection(RejectionReasons.NonceGap,
                $"signed again as {replacement.Hash} at nonce {nonce} because transaction {failed.Hash} of the same sender was rejected: {rejection.Message}"));
            var refused = TransactionExecutor.CheckAgainstState(_state, replacement, nowMs)
                ?? _mempool.Admit(replacement, _state.GetAccount(ValidatorAddress));
            if (refused is null)
            {
                _log.LogInformation("TransactionResigned tx_hash={TxHash} replacement={Replacement} nonce={Nonce}", later.Hash, replacement.Hash, nonce);
            }
            else
            {
                Rejections.Record(replacement.Hash, refused);
                _metrics.TransactionsRejected.WithLabels(refused.Reason).Inc();
                _log.LogInformation("TransactionDropped tx_hash={TxHash} reason={Reason}", replacement.Hash, refused.Reason);
            }
        }
    }
}
