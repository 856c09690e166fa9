using TheBlock.Client.Core;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>Protocol objects as the wire shows them.</summary>
public static class ViewMapping
{
    public static TransactionView ToView(Transaction transaction) => transaction.Payload switch
    {
        TransferPayload transfer => new TransactionView(transaction.Hash.ToString(), "transfer", transaction.Sender.ToString(), transaction.Nonce, transaction.Fee, transfer.To.ToString(), transfer.Amount),
        _ => new TransactionView(transaction.Hash.ToString(), transaction.Kind.Name, transaction.Sender.ToString(), transaction.Nonce, transaction.Fee, null, null),
    };

    public static BlockView ToView(Block block, ulong epochLength)
    {
        var header = block.Header;
        return new BlockView(
            header.Height,
            block.Hash.ToString(),
            header.PreviousHash.ToString(),
            (long)(header.TimeMs / 1000),
            header.TimeMs,
            header.Height / epochLength,
            header.Height == 0 ? "genesis" : Address.FromPublicKey(header.ProducerKey).ToString(),
            header.TransactionsRoot.ToString(),
            header.ReceiptsRoot.ToString(),
            header.StateRoot.ToString(),
            block.Transactions.Count,
            [.. block.Transactions.Select(ToView)]);
    }
}
