using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Consensus;

namespace TheBlock.Server.Faults;

/// <summary>The consensus engine with <c>block_inclusion</c> switchable: while on, blocks are produced but carry no transaction.</summary>
public sealed class InclusionFaultConsensus(IConsensusEngine inner, FaultInjection faults) : IConsensusEngine
{
    public string Mode => inner.Mode;

    public ProposedBlock? Propose(ChainState state, IReadOnlyList<Transaction> candidates, ulong timeMs) =>
        inner.Propose(state, faults.InclusionStopped ? [] : candidates, timeMs);

    public bool Append(ProposedBlock block) => inner.Append(block);
}
