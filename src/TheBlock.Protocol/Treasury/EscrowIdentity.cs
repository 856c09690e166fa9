using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// The escrow identity, per sub-ledger: <c>treasury_escrow</c> ct is the sum of <c>amount_ct</c> over the executed,
/// unfinalized disbursements, and it the sum of <c>amount_it</c>.
/// </summary>
public static class EscrowIdentity
{
    /// <summary>What escrow owes after <paramref name="before"/> (null when new) became <paramref name="after"/>.</summary>
    public static TreasuryBalances Update(TreasuryBalances owed, Disbursement? before, Disbursement after)
    {
        owed = Without(owed, before);
        if (after.State == DisbursementState.Executed)
        {
            owed = new TreasuryBalances(owed.Ct + after.Proposal.AmountCt, owed.It + after.Proposal.AmountIt);
        }

        return owed;
    }

    /// <summary>
    /// Checks the block in <paramref name="overlay"/> kept the identity, at the cost of what it touched: the escrow must
    /// have moved by exactly what the disbursements it changed now owe minus what they owed (the committed state held
    /// the identity, checked in full at start-up and by every block since).
    /// </summary>
    public static void VerifyBlock(StateOverlay overlay)
    {
        var owed = overlay.Committed.Escrow;
        foreach (var prefix in new[] { TreasuryState.ActivePrefix, TreasuryState.FinalPrefix })
        {
            foreach (var (_, before, after) in overlay.ChangesUnder(prefix))
            {
                var previous = before?.As(TreasuryState.DecodeDisbursement);
                owed = after is null ? Without(owed, previous) : Update(owed, previous, after.As(TreasuryState.DecodeDisbursement));
            }
        }

        Verify(overlay.Height, overlay.Escrow, owed);
    }

    /// <summary>Checks <paramref name="state"/>'s escrow against its executed, unfinalized disbursements.</summary>
    public static void Verify(IStateReader state, ulong height)
    {
        var owed = default(TreasuryBalances);
        foreach (var disbursement in state.ActiveDisbursements())
        {
            owed = Update(owed, null, disbursement);
        }

        Verify(height, state.Escrow, owed);
    }

    private static TreasuryBalances Without(TreasuryBalances owed, Disbursement? before) =>
        before is { State: DisbursementState.Executed }
            ? new TreasuryBalances(owed.Ct - before.Proposal.AmountCt, owed.It - before.Proposal.AmountIt)
            : owed;

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
                $"at height {height} {TreasuryModule.EscrowAccount} {SubLedgers.Name(subLedger)} holds {held} CT but executed, unfinalized disbursements add up to {owed} CT");
        }
    }
}
