using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Chain;

/// <summary>A block the producer built, with the candidates it left out and why.</summary>
public sealed record ProposedBlock(BlockEffects Effects, IReadOnlyList<(Transaction Transaction, Rejection Rejection)> Dropped)
{
    public Block Block => Effects.Block;
}
