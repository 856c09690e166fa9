using TheBlock.Server.Consensus;

namespace TheBlock.Server.Node;

/// <summary>
/// Wraps the chain's seams as it opens: how fault injection (and later the simulator) reaches storage and block
/// production without a flag checked in their code paths. Registered only by the features that need it.
/// </summary>
public interface IChainDecorator
{
    IBlockStore Decorate(IBlockStore store);

    IConsensusEngine Decorate(IConsensusEngine engine);
}
