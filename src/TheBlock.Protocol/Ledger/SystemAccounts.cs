namespace TheBlock.Protocol.Ledger;

/// <summary>Reserved names of accounts the protocol itself holds; none of them parses as a "ct1…" address.</summary>
public static class SystemAccounts
{
    public const string Treasury = "treasury";

    public static IReadOnlyList<string> All { get; } = [Treasury];

    public static bool IsSystemAccount(string name) => All.Contains(name);
}
