namespace TheBlock.Storage;

/// <summary>Where a committed transaction sits: block height and position in the block.</summary>
public readonly record struct TransactionLocation(ulong Height, int Index);
