namespace TheBlock.Client.Core;

/// <summary>Result of <c>block.show</c>.</summary>
public sealed record BlockView(
    ulong Height,
    string Hash,
    string PreviousHash,
    long TimeAt,
    ulong TimeMs,
    ulong Epoch,
    string Producer,
    string TxRoot,
    string ReceiptsRoot,
    string StateRoot,
    int TransactionCount,
    IReadOnlyList<TransactionView> Transactions);
