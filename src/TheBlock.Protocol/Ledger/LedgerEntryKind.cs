namespace TheBlock.Protocol.Ledger;

/// <summary>
/// Why a balance changed: a stored code and the snake_case name that is stored and shown. The core owns the kinds
/// below; each module declares its own (codes are unique across the chain, checked by the module registry).
/// </summary>
public readonly record struct LedgerEntryKind(byte Code, string Name)
{
    public static LedgerEntryKind Genesis { get; } = new(1, "genesis");

    public static LedgerEntryKind BlockReward { get; } = new(2, "block_reward");

    public static LedgerEntryKind TreasuryAccrual { get; } = new(3, "treasury_accrual");

    public static LedgerEntryKind TransferOut { get; } = new(4, "transfer_out");

    public static LedgerEntryKind TransferIn { get; } = new(5, "transfer_in");

    public static LedgerEntryKind Fee { get; } = new(6, "fee");

    public static LedgerEntryKind FeeIncome { get; } = new(7, "fee_income");

    /// <summary>The kinds the core itself records.</summary>
    public static IReadOnlyList<LedgerEntryKind> Core { get; } = [Genesis, BlockReward, TreasuryAccrual, TransferOut, TransferIn, Fee, FeeIncome];

    public override string ToString() => Name;
}
