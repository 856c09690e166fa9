using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Consensus;

/// <summary>One validator, this node: it proposes every block and signs it with its key; a block is final once proposed.</summary>
public sealed class SingleValidatorConsensus(SigningKey validatorKey) : IConsensusEngine
{
    public const string ModeName = "single_validator";

    public string Mode => ModeName;

    public ProposedBlock? Propose(ChainState state, IReadOnlyList<Transaction> candidates, ulong timeMs) =>
        BlockExecutor.Propose(state, candidates, timeMs, validatorKey);

    public bool Append(ProposedBlock block) => true;
}
