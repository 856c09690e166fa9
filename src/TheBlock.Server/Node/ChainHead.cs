using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Node;

/// <summary>An immutable snapshot of the last committed block, published after each commit for lock-free reads.</summary>
public sealed record ChainHead(ulong Height, Hash32 Hash, ulong TimeMs, Hash32 StateRoot, ulong Epoch, DateTimeOffset CommittedAt)
{
    public long LastBlockAt => (long)(TimeMs / 1000);
}
