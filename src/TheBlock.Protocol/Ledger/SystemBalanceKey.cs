namespace TheBlock.Protocol.Ledger;

/// <summary>One sub-ledger of a system account a module holds (an escrow).</summary>
public readonly record struct SystemBalanceKey(string Account, SubLedger SubLedger) : IComparable<SystemBalanceKey>
{
    public int CompareTo(SystemBalanceKey other)
    {
        var byAccount = string.CompareOrdinal(Account, other.Account);
        return byAccount != 0 ? byAccount : SubLedger.CompareTo(other.SubLedger);
    }

    public static bool operator <(SystemBalanceKey left, SystemBalanceKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(SystemBalanceKey left, SystemBalanceKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(SystemBalanceKey left, SystemBalanceKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(SystemBalanceKey left, SystemBalanceKey right) => left.CompareTo(right) >= 0;
}
