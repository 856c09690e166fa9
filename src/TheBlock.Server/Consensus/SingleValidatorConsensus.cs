using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Consensus;

/// <summary>
/// One validator, this node: it proposes every block and signs it with its key; a block is final once proposed. The
/// signatures it verified as it admitted (<paramref name="verified"/>) are not verified again in its blocks.
/// </summary>
public sealed class SingleValidatorConsensus(SigningKey validatorKey, IVerifiedSignatures? verified = null) : IConsensusEngine
{
    public const string ModeName = "single_validator";

    public string Mode => ModeName;

    public ProposedBlock? Propose(ChainState state, IReadOnlyList<Transaction> candidates, ulong timeMs) =>
        BlockExecutor.Propose(state, candidates, timeMs, validatorKey, verified);

    public bool Append(ProposedBlock block) => true;
}
