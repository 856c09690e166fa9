using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Transactions;

/// <summary>The core's one transaction kind: CT from the sender to another address.</summary>
public sealed class TransferType : ITransactionType
{
    public static TransferType Instance { get; } = new();

    private TransferType()
    {
    }

    public TransactionKind Kind => TransactionKind.Transfer;

    public TransactionPayload Read(ref CanonicalReader reader) => TransferPayload.Read(ref reader);

    public Rejection? Apply(StateOverlay overlay, Transaction transaction, string reference)
    {
        var transfer = (TransferPayload)transaction.Payload;
        overlay.Debit(transaction.Sender, transfer.Amount, LedgerEntryKind.TransferOut, reference);
        overlay.Credit(transfer.To, transfer.Amount, LedgerEntryKind.TransferIn, reference);
        return null;
    }
}
