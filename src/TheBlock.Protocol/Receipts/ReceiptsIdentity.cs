using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// The markets' conservation identities: <c>market_escrow</c> holds exactly the open agreements' deposits, and
/// <c>market_stake</c> exactly the providers' stakes. Per block they are checked at the cost of what the block changed
/// (the committed state held them, checked in full at start-up).
/// </summary>
public static class ReceiptsIdentity
{
    public static void VerifyBlock(StateOverlay overlay)
    {
        var committed = overlay.Committed;
        var deposits = (long)0;
        foreach (var (_, before, after) in overlay.ChangesUnder(ReceiptsState.AgreementPrefix))
        {
            deposits += Deposit(after) - Deposit(before);
        }

        var stakes = (long)0;
        foreach (var (_, before, after) in overlay.ChangesUnder(ReceiptsState.ProviderPrefix))
        {
            stakes += Stake(after) - Stake(before);
        }

        Check(overlay.Height, ReceiptsModule.EscrowAccount, "agreements' deposits", overlay.SystemBalance(ReceiptsState.EscrowAccount),
            (ulong)((long)committed.SystemBalance(ReceiptsState.EscrowAccount) + deposits));
        Check(overlay.Height, ReceiptsModule.StakeAccount, "market providers' stakes", overlay.SystemBalance(ReceiptsState.StakeAccount),
            (ulong)((long)committed.SystemBalance(ReceiptsState.StakeAccount) + stakes));
    }

    public static void Verify(IStateReader state, ulong height)
    {
        var deposits = state.Agreements().Aggregate(0UL, (sum, agreement) => checked(sum + agreement.Deposit));
        var stakes = state.MarketProviders().Aggregate(0UL, (sum, provider) => checked(sum + provider.Stake));
        Check(height, ReceiptsModule.EscrowAccount, "agreements' deposits", state.SystemBalance(ReceiptsState.EscrowAccount), deposits);
        Check(height, ReceiptsModule.StakeAccount, "market providers' stakes", state.SystemBalance(ReceiptsState.StakeAccount), stakes);
    }

    private static long Deposit(StateValue? value) => value is null ? 0 : (long)value.As(Agreement.Decode).Deposit;

    private static long Stake(StateValue? value) => value is null ? 0 : (long)value.As(MarketProvider.Decode).Stake;

    private static void Check(ulong height, string account, string what, ulong held, ulong owed)
    {
        if (held != owed)
        {
            throw new InvariantViolationException($"at height {height} {account} holds {held} CT but the {what} add up to {owed} CT");
        }
    }
}
