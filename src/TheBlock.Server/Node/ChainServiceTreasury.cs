using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Node;

/// <summary>The governance side of the chain service: views of the treasury and transactions the node signs itself.</summary>
public sealed partial class ChainService
{
    /// <summary>Raised under the chain lock after each durable commit; handlers must be quick and must not call back in.</summary>
    public event Action<CommittedBlock>? BlockCommitted;

    public FaultInjection Faults { get; }

    public TreasuryView TreasuryView()
    {
        lock (_lock)
        {
            var book = _state.Book;
            return new TreasuryView(_state.Height, _state.LastBlockTimeMs, _state.Epoch, _state.Treasury, book.Escrow, book.Lease, book.NextId, [.. book.ActiveInOrder]);
        }
    }

    /// <summary>The committed state of any disbursement (final ones too), or null when the id does not exist.</summary>
    public DisbursementState? DisbursementStateOf(ulong id)
    {
        lock (_lock)
        {
            return _state.Book.StateOf(id);
        }
    }

    public TreasuryBalances Escrow
    {
        get
        {
            lock (_lock)
            {
                return _state.Book.Escrow;
            }
        }
    }

    /// <summary>The treasury and escrow sub-ledgers after the same block, without copying the disbursements.</summary>
    public (TreasuryBalances Treasury, TreasuryBalances Escrow) TreasuryAndEscrow()
    {
        lock (_lock)
        {
            return (_state.Treasury, _state.Book.Escrow);
        }
    }

    /// <summary>The id the next accepted disbursement gets.</summary>
    public ulong NextDisbursementId
    {
        get
        {
            lock (_lock)
            {
                return _state.Book.NextId;
            }
        }
    }

    /// <summary>
    /// Signs <paramref name="payload"/> with the node's key (the validator, which genesis names as a treasury executor)
    /// at its next nonce and admits it. Serialized, so the node's own transactions never race for a nonce.
    /// </summary>
    public (Transaction Transaction, Rejection? Rejection) SubmitSigned(TransactionPayload payload)
    {
        lock (_signing)
        {
            Transaction transaction;
            lock (_lock)
            {
                var nonce = _mempool.NextNonce(ValidatorAddress, _state.GetAccount(ValidatorAddress));
                transaction = Transaction.CreateSigned(Genesis.ChainId, _validatorKey, nonce, 0, payload);
            }

            return (transaction, Submit(transaction, verifySignature: false));
        }
    }
}
