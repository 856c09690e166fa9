using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// The market's conservation identities: <c>energy_escrow</c> holds exactly the sum of the offtakers' escrows, and
/// <c>energy_stake</c> exactly the sum of the providers' stakes. Per block they are checked at the cost of what the
/// block changed (the committed state held them, checked in full at start-up).
/// </summary>
public static class EnergyIdentity
{
    public static void VerifyBlock(StateOverlay overlay)
    {
        var committed = overlay.Committed;
        var escrow = (long)0;
        foreach (var (_, before, after) in overlay.ChangesUnder(EnergyState.EscrowPrefix))
        {
            escrow += Amount(after) - Amount(before);
        }

        var stake = (long)0;
        foreach (var (_, before, after) in overlay.ChangesUnder(EnergyState.ProviderPrefix))
        {
            stake += Stake(after) - Stake(before);
        }

        Check(overlay.Height, EnergyModule.EscrowAccount, "offtakers' escrows", overlay.SystemBalance(EnergyState.EscrowAccount),
            (ulong)((long)committed.SystemBalance(EnergyState.EscrowAccount) + escrow));
        Check(overlay.Height, EnergyModule.StakeAccount, "providers' stakes", overlay.SystemBalance(EnergyState.StakeAccount),
            (ulong)((long)committed.SystemBalance(EnergyState.StakeAccount) + stake));
    }

    public static void Verify(IStateReader state, ulong height)
    {
        var escrow = state.Escrows().Aggregate(0UL, (sum, entry) => sum + entry.Amount);
        var stake = 0UL;
        var open = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var credit in state.OpenCredits())
        {
            open[credit.ProviderId] = open.GetValueOrDefault(credit.ProviderId) + 1;
        }

        foreach (var provider in state.Providers())
        {
            stake += provider.Stake;
            if (open.GetValueOrDefault(provider.ProviderId) != provider.OpenCredits)
            {
                throw new InvariantViolationException(
                    $"at height {height} provider {provider.ProviderId} counts {provider.OpenCredits} open credits but {open.GetValueOrDefault(provider.ProviderId)} are stored");
            }
        }

        Check(height, EnergyModule.EscrowAccount, "offtakers' escrows", state.SystemBalance(EnergyState.EscrowAccount), escrow);
        Check(height, EnergyModule.StakeAccount, "providers' stakes", state.SystemBalance(EnergyState.StakeAccount), stake);
    }

    private static long Amount(StateValue? value) => value is null ? 0 : (long)EnergyState.DecodeU64(value);

    private static long Stake(StateValue? value) => value is null ? 0 : (long)value.As(Provider.Decode).Stake;

    private static void Check(ulong height, string account, string what, ulong held, ulong owed)
    {
        if (held != owed)
        {
            throw new InvariantViolationException($"at height {height} {account} holds {held} CT but the {what} add up to {owed} CT");
        }
    }
}
