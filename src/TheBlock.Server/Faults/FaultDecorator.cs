using TheBlock.Server.Consensus;
using TheBlock.Server.Node;

namespace TheBlock.Server.Faults;

/// <summary>Puts the fault switches around the chain's block store and consensus engine.</summary>
public sealed class FaultDecorator(FaultInjection faults, ILoggerFactory loggers) : IChainDecorator
{
    public IBlockStore Decorate(IBlockStore store) => new FaultyBlockStore(store, faults, loggers.CreateLogger("chain"));

    public IConsensusEngine Decorate(IConsensusEngine engine) => new InclusionFaultConsensus(engine, faults);
}
