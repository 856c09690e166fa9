using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Consensus;

/// <summary>
/// How the node decides its next block (spec/replication.md, "Seams"): propose, append, and the chain service's
/// apply-committed. The chain service calls <see cref="Propose"/> under the chain lock and <see cref="Append"/> outside
/// it, then commits the block to the store and the state only when Append said it is final. A replicated engine takes
/// the place of <see cref="SingleValidatorConsensus"/> here: the leader proposes and appends to the log; a follower
/// proposes nothing and instead returns the log's next committed block, checked with <c>BlockExecutor.Apply</c>.
/// Modules see committed blocks only, so none of them changes with the engine.
/// </summary>
public interface IConsensusEngine
{
    /// <summary>The mode <c>consensus.status</c> reports, e.g. <c>single_validator</c>.</summary>
    string Mode { get; }

    /// <summary>
    /// The next block on top of <paramref name="state"/>, built from <paramref name="candidates"/> in order; null when
    /// this node has no block to commit this tick. Throws <see cref="BlockRejectedException"/> when the protocol refuses it.
    /// </summary>
    ProposedBlock? Propose(ChainState state, IReadOnlyList<Transaction> candidates, ulong timeMs);

    /// <summary>Makes <paramref name="block"/> final among the validators; false when it is not and must not be committed.</summary>
    bool Append(ProposedBlock block);
}
