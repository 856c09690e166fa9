using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>
/// Transactions admitted but not yet in a block. Admission checks the signature, nonce and funds against the
/// committed state plus what the sender already has pending, so everything here can be included in order.
/// Not thread-safe: <see cref="ChainService"/> serializes access.
/// </summary>
public sealed class Mempool
{
    private readonly int _capacity;
    private readonly Dictionary<Hash32, Transaction> _byHash = [];
    private readonly Dictionary<Address, SortedList<ulong, Transaction>> _bySender = [];
    private readonly LinkedList<Address> _senderOrder = new();
    private readonly Dictionary<Address, LinkedListNode<Address>> _senderNodes = [];

    public Mempool(int capacity) => _capacity = capacity;

    public int Count => _byHash.Count;

    public bool Contains(Hash32 hash) => _byHash.ContainsKey(hash);

    /// <summary>The nonce the sender's next transaction should carry, counting what it has pending.</summary>
    public ulong NextNonce(Address sender, Account committed) =>
        _bySender.TryGetValue(sender, out var pending) && pending.Count > 0 ? pending.Keys[^1] + 1 : committed.Nonce + 1;

    /// <summary>Admits a transaction whose stateless checks (signature included) passed, or says why not.</summary>
    public Rejection? Admit(Transaction transaction, Account committedSender)
    {
        if (_byHash.ContainsKey(transaction.Hash))
        {
            return new Rejection(RejectionReasons.Duplicate, $"transaction {transaction.Hash} is already pending");
        }

        if (_byHash.Count >= _capacity)
        {
            return new Rejection(RejectionReasons.MempoolFull, $"the mempool holds its maximum of {_capacity} transactions; retry shortly");
        }

        _bySender.TryGetValue(transaction.Sender, out var pending);
        var next = NextNonce(transaction.Sender, committedSender);
        if (transaction.Nonce <= committedSender.Nonce)
        {
            return TransactionExecutor.CheckAgainstAccount(transaction, committedSender);
        }

        if (transaction.Nonce < next)
        {
            return new Rejection(RejectionReasons.NonceReplay, $"nonce {transaction.Nonce} of {transaction.Sender} is already pending; next is {next}");
        }

        // Funds and nonce are checked as if every pending transaction of the sender had already executed.
        var afterPending = committedSender with { Nonce = next - 1, Balance = committedSender.Balance - Math.Min(committedSender.Balance, PendingCost(pending)) };
        if (TransactionExecutor.CheckAgainstAccount(transaction, afterPending) is { } rejection)
        {
            return rejection;
        }

        if (pending is null)
        {
            pending = [];
            _bySender[transaction.Sender] = pending;
            _senderNodes[transaction.Sender] = _senderOrder.AddLast(transaction.Sender);
        }

        pending.Add(transaction.Nonce, transaction);
        _byHash[transaction.Hash] = transaction;
        return null;
    }

    /// <summary>Up to <paramref name="max"/> transactions: senders in the order they arrived, each sender's in nonce order.</summary>
    public List<Transaction> Candidates(int max)
    {
        var candidates = new List<Transaction>(Math.Min(max, _byHash.Count));
        foreach (var sender in _senderOrder)
        {
            foreach (var transaction in _bySender[sender].Values)
            {
                if (candidates.Count == max)
                {
                    return candidates;
                }

                candidates.Add(transaction);
            }
        }

        return candidates;
    }

    public void Remove(Transaction transaction)
    {
        if (!_byHash.Remove(transaction.Hash))
        {
            return;
        }

        var pending = _bySender[transaction.Sender];
        pending.Remove(transaction.Nonce);
        if (pending.Count == 0)
        {
            _bySender.Remove(transaction.Sender);
            _senderOrder.Remove(_senderNodes[transaction.Sender]);
            _senderNodes.Remove(transaction.Sender);
        }
    }

    /// <summary>Drops every pending transaction of the sender from <paramref name="nonce"/> on: they can no longer execute in order.</summary>
    public IReadOnlyList<Transaction> RemoveFrom(Address sender, ulong nonce)
    {
        if (!_bySender.TryGetValue(sender, out var pending))
        {
            return [];
        }

        var removed = pending.Values.Where(t => t.Nonce >= nonce).ToList();
        foreach (var transaction in removed)
        {
            Remove(transaction);
        }

        return removed;
    }

    private static ulong PendingCost(SortedList<ulong, Transaction>? pending)
    {
        if (pending is null)
        {
            return 0;
        }

        UInt128 total = 0;
        foreach (var transaction in pending.Values)
        {
            total += TransactionExecutor.Cost(transaction);
        }

        return total > ulong.MaxValue ? ulong.MaxValue : (ulong)total;
    }
}
