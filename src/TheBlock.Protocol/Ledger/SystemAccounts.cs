namespace TheBlock.Protocol.Ledger;

/// <summary>Reserved names of accounts the protocol itself holds; none of them parses as a "ct1…" address.</summary>
public static class SystemAccounts
{
    public const string Treasury = "treasury";

    /// <summary>Holds paid-out disbursements during their rollback window, in the same two sub-ledgers.</summary>
    public const string TreasuryEscrow = "treasury_escrow";

    public static IReadOnlyList<string> All { get; } = [Treasury, TreasuryEscrow];

    public static bool IsSystemAccount(string name) => All.Contains(name);
}
