using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>The chain service's own transactions (signed with the validator key) and the hooks modules read the chain through.</summary>
public sealed partial class ChainService
{
    /// <summary>Raised under the chain lock after each durable commit; handlers must be quick and must not call back in.</summary>
    public event Action<CommittedBlock>? BlockCommitted;

    /// <summary>The node's own transactions signed again after an earlier one of the node's failed in a block.</summary>
    public ResignedTransactions Resigned => _admission.Resigned;

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
    /// at its next nonce and admits it (see <see cref="MempoolAdmission.SubmitSigned"/>).
    /// </summary>
    public (Transaction Transaction, Rejection? Rejection) SubmitSigned(TransactionPayload payload) => _admission.SubmitSigned(payload);
}
