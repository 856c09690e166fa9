using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Treasury;

/// <summary>
/// What the executor reads at the start of a tick, all at one instant: the treasury view, and each of the node's
/// transactions it asked about that is still in the mempool, mapped to the hash it waits under (its replacement
/// when it was signed again, see <see cref="ResignedTransactions"/>). One absent here was included or refused.
/// </summary>
public sealed record TreasurySnapshot(TreasuryView View, IReadOnlyDictionary<Hash32, Hash32> StillPending);
