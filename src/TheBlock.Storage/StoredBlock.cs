using TheBlock.Protocol.Chain;

namespace TheBlock.Storage;

/// <summary>A committed block as read back from storage.</summary>
public sealed record StoredBlock(Block Block, ulong Height, ulong TimeMs);
