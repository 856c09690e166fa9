using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>
/// The way into a block: admits transactions to the mempool against the committed state, signs the node's own, hands
/// block production its candidates and, after each commit, prunes what the block included or refused. Shares the
/// chain service's lock, so an admission never sees a half-applied block; publishes the mempool count for lock-free reads.
/// </summary>
public sealed class MempoolAdmission
{
    private readonly ChainState _state;
    private readonly Lock _chainLock;
    private readonly SigningKey _nodeKey;
    private readonly Mempool _mempool;
    private readonly NodeMetrics _metrics;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private int _count;

    /// <param name="chainLock">the chain service's lock, held by every call that reads <paramref name="state"/>.</param>
    /// <param name="nodeKey">the validator key, which signs the node's own transactions.</param>
    public MempoolAdmission(ChainState state, Lock chainLock, SigningKey nodeKey, int capacity, NodeMetrics metrics, ILogger log, TimeProvider time)
    {
        _state = state;
        _chainLock = chainLock;
        _nodeKey = nodeKey;
        _mempool = new Mempool(capacity);
        _metrics = metrics;
        _log = log;
        _time = time;
    }

    /// <summary>Transactions waiting for a block, as of the last change to the mempool; read without the chain lock.</summary>
    public int Count => Volatile.Read(ref _count);

    public RecentRejections Rejections { get; } = new(10_000);

    /// <summary>The node's own transactions signed again after an earlier one of the node's failed in a block.</summary>
    public ResignedTransactions Resigned { get; } = new(10_000);

    private Address NodeAddress => _nodeKey.Address;

    /// <summary>Admits a signed transaction, or says why not. The signature is checked outside the lock.</summary>
    public Rejection? Submit(Transaction transaction) => Submit(transaction, verifySignature: true);

    /// <summary>
    /// Signs <paramref name="payload"/> with the node's key at its next nonce and admits it. The nonce is chosen and the
    /// transaction admitted under one hold of the chain lock, so neither another of the node's transactions nor a block
    /// that re-signs them can take the nonce between.
    /// </summary>
    public (Transaction Transaction, Rejection? Rejection) SubmitSigned(TransactionPayload payload)
    {
        lock (_chainLock)
        {
            var nonce = _mempool.NextNonce(NodeAddress, _state.GetAccount(NodeAddress));
            var transaction = Transaction.CreateSigned(_state.Genesis.ChainId, _nodeKey, nonce, 0, payload);
            return (transaction, Submit(transaction, verifySignature: false));
        }
    }

    public bool IsPending(Hash32 hash)
    {
        lock (_chainLock)
        {
            return _mempool.Contains(hash);
        }
    }

    /// <summary>The nonce the sender's next transaction should carry, pending ones counted. The caller holds the chain lock.</summary>
    public ulong NextNonce(Address sender, Account committed) => _mempool.NextNonce(sender, committed);

    /// <summary>What the next block may include, in order. The caller holds the chain lock.</summary>
    public IReadOnlyList<Transaction> Candidates() => _mempool.Candidates(_state.Parameters.MaxBlockTransactions);

    /// <summary>
    /// Removes what <paramref name="block"/> included and drops what it refused, once the state has moved to it.
    /// The caller holds the chain lock.
    /// </summary>
    public void Prune(ProposedBlock block)
    {
        foreach (var transaction in block.Block.Transactions)
        {
            _mempool.Remove(transaction);
        }

        foreach (var (transaction, rejection) in block.Dropped)
        {
            Drop(transaction, rejection);
        }

        PublishCount();
    }

    /// <param name="verifySignature">false only for transactions this node has just signed itself.</param>
    private Rejection? Submit(Transaction transaction, bool verifySignature)
    {
        var rejection = TransactionExecutor.CheckStateless(transaction, _state.Genesis.ChainId, verifySignature);
        if (rejection is null)
        {
            lock (_chainLock)
            {
                rejection = TransactionExecutor.CheckAgainstState(_state, transaction, (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds())
                    ?? _mempool.Admit(transaction, _state.GetAccount(transaction.Sender));
                PublishCount();
            }
        }

        if (rejection is null)
        {
            Rejections.Forget(transaction.Hash);
        }
        else
        {
            _metrics.TransactionsRejected.WithLabels(rejection.Reason).Inc();

            // A duplicate is pending (or committed) under this very hash: recorded, the refusal would outlive its commit.
            if (rejection.Reason != RejectionReasons.Duplicate)
            {
                Rejections.Record(transaction.Hash, rejection);
            }
        }

        return rejection;
    }

    private void Drop(Transaction transaction, Rejection rejection)
    {
        // An earlier drop in this block already removed it, or re-signed it, with its sender's later transactions.
        if (!_mempool.Contains(transaction.Hash))
        {
            return;
        }

        if (transaction.Sender == NodeAddress)
        {
            DropOwn(transaction, rejection);
            return;
        }

        foreach (var removed in _mempool.RemoveFrom(transaction.Sender, transaction.Nonce))
        {
            var why = removed == transaction
                ? rejection
                : new Rejection(RejectionReasons.NonceGap, $"dropped because transaction {transaction.Hash} of the same sender was rejected: {rejection.Message}");
            Rejections.Record(removed.Hash, why);
            _metrics.TransactionsRejected.WithLabels(why.Reason).Inc();
            _log.LogInformation("TransactionDropped tx_hash={TxHash} reason={Reason}", removed.Hash, why.Reason);
        }
    }

    /// <summary>
    /// One of the node's own transactions failed in a block. Its later transactions (lease renewals, payouts, an
    /// admin's rollback) do not depend on it: instead of dropping them as a nonce gap, each is signed again at the next
    /// free nonce and admitted, and its old hash is recorded as replaced. One that the chain now refuses is recorded as
    /// refused under its new hash.
    /// </summary>
    private void DropOwn(Transaction failed, Rejection rejection)
    {
        var removed = _mempool.RemoveFrom(failed.Sender, failed.Nonce);
        Rejections.Record(failed.Hash, rejection);
        _metrics.TransactionsRejected.WithLabels(rejection.Reason).Inc();
        _log.LogInformation("TransactionDropped tx_hash={TxHash} reason={Reason}", failed.Hash, rejection.Reason);
        var nowMs = (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var later in removed.Where(t => t != failed))
        {
            var nonce = _mempool.NextNonce(NodeAddress, _state.GetAccount(NodeAddress));
            var replacement = Transaction.CreateSigned(_state.Genesis.ChainId, _nodeKey, nonce, later.Fee, later.Payload);
            Resigned.Record(later.Hash, replacement.Hash);
            Rejections.Record(later.Hash, new Rejection(RejectionReasons.NonceGap,
                $"signed again as {replacement.Hash} at nonce {nonce} because transaction {failed.Hash} of the same sender was rejected: {rejection.Message}"));
            var refused = TransactionExecutor.CheckAgainstState(_state, replacement, nowMs)
                ?? _mempool.Admit(replacement, _state.GetAccount(NodeAddress));
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

    /// <summary>Called under the chain lock whenever the mempool changes, so status reads and scrapes need no lock.</summary>
    private void PublishCount()
    {
        Volatile.Write(ref _count, _mempool.Count);
        _metrics.MempoolTransactions.Set(_mempool.Count);
    }
}
