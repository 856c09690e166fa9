using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>
/// Verifies a block's transaction signatures across all cores before the (sequential, pure) state transition,
/// which then skips them: verification is the only real per-transaction cost.
/// </summary>
public static class ParallelSignatureVerifier
{
    /// <summary>The index of the first transaction whose signature fails, or -1 when all verify.</summary>
    public static int FirstInvalid(IReadOnlyList<Transaction> transactions)
    {
        var firstInvalid = int.MaxValue;
        Parallel.For(0, transactions.Count, () => int.MaxValue, (i, _, localFirst) =>
            transactions[i].VerifySignature() ? localFirst : Math.Min(localFirst, i),
            localFirst =>
            {
                int current;
                while (localFirst < (current = Volatile.Read(ref firstInvalid)) &&
                       Interlocked.CompareExchange(ref firstInvalid, localFirst, current) != current)
                {
                }
            });
        return firstInvalid == int.MaxValue ? -1 : firstInvalid;
    }
}
