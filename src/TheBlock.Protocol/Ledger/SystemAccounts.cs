namespace TheBlock.Protocol.Ledger;

/// <summary>
/// Reserved names of accounts the protocol itself holds; none parses as a "ct1…" address. The core holds the
/// treasury; modules declare the escrow accounts they hold (<see cref="Modules.IChainModule.EscrowAccounts"/>).
/// </summary>
public static class SystemAccounts
{
    public const string Treasury = "treasury";

    public static bool IsReservedName(string name) => !string.IsNullOrEmpty(name) && !name.StartsWith("ct1", StringComparison.Ordinal);
}
