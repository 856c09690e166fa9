using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The escrow identity, per sub-ledger: <c>treasury_escrow</c> ct is the sum of <c>amount_ct</c> over the executed,
/// unfinalized disbursements, and it the sum of <c>amount_it</c>. What they are owed is kept incrementally (one step per
/// changed disbursement), so checking it every block costs what the block changed, not the size of the queue.
/// </summary>
public static class EscrowIdentity
{
    /// <summary>What escrow owes after <paramref name="before"/> (null when new) became <paramref name="after"/>.</summary>
    public static TreasuryBalances Update(TreasuryBalances owed, Disbursement? before, Disbursement after)
    {
        if (before is { State: DisbursementState.Executed })
        {
            owed = new TreasuryBalances(owed.Ct - before.Proposal.AmountCt, owed.It - before.Proposal.AmountIt);
        }

        if (after.State == DisbursementState.Executed)
        {
            owed = new TreasuryBalances(owed.Ct + after.Proposal.AmountCt, owed.It + after.Proposal.AmountIt);
        }

        return owed;
    }

    /// <summary>Throws, naming the sub-ledger, when the escrow does not hold exactly what it owes.</summary>
    public static void Verify(ulong height, TreasuryBalances escrow, TreasuryBalances owed)
    {
        Verify(height, SubLedger.Ct, escrow.Ct, owed.Ct);
        Verify(height, SubLedger.It, escrow.It, owed.It);
    }

    private static void Verify(ulong height, SubLedger subLedger, ulong held, ulong owed)
    {
        if (held != owed)
        {
            throw new InvariantViolationException(
                $"at height {height} {SystemAccounts.TreasuryEscrow} {SubLedgers.Name(subLedger)} holds {held} CT but executed, unfinalized disbursements add up to {owed} CT");
        }
    }
}
