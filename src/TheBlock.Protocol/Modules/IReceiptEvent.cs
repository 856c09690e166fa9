using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Modules;

/// <summary>
/// An event that records service receipts. A compact event may leave the receipts' claims in the transaction that
/// caused it (a batch carries the signed claims once): <paramref name="cause"/> is that transaction, null for the
/// end-of-block step.
/// </summary>
public interface IReceiptEvent
{
    IEnumerable<ServiceReceipt> ReceiptsOf(Transaction? cause);
}
