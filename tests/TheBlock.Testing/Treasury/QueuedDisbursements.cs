using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Testing;

/// <summary>A treasury backlog on a chain: disbursements proposed, voted through and queued, with an executor holding the lease.</summary>
public static class QueuedDisbursements
{
    /// <summary>
    /// Commits <paramref name="proposals"/> (by <paramref name="member"/>, who must hold a passing majority alone), a yes
    /// vote on each, and <paramref name="executor"/>'s lease as <paramref name="holder"/>; then empty blocks until
    /// <paramref name="expectedQueued"/> of them are queued. Throws if that does not happen within <paramref name="maxBlocks"/>.
    /// </summary>
    public static void Commit(
        TestChain chain,
        SigningKey member,
        IReadOnlyList<DisbursementProposal> proposals,
        SigningKey executor,
        string holder,
        ulong leaseTtlSeconds,
        int expectedQueued,
        int maxBlocks = 20)
    {
        var firstId = chain.State.Book.NextId;
        chain.CommitAll([.. proposals.Select(p => chain.SignNext(member, new DisbursementCreatePayload(p)))]);
        chain.CommitAll([.. proposals.Select((_, i) => chain.SignNext(member, new VotePayload(firstId + (ulong)i, VoteChoice.Yes)))]);
        chain.CommitAll([chain.SignNext(executor, new ExecutorLeasePayload(holder, leaseTtlSeconds))]);
        for (var i = 0; i < maxBlocks && Queued(chain) < expectedQueued; i++)
        {
            chain.ProposeAndCommit();
        }

        var queued = Queued(chain);
        if (queued != expectedQueued)
        {
            throw new InvalidOperationException($"expected {expectedQueued} queued disbursements, the chain has {queued}");
        }
    }

    private static int Queued(TestChain chain) => chain.State.Book.ActiveInOrder.Count(d => d.State == DisbursementState.Queued);
}
