using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Energy;

/// <summary>Why the energy module moved CT. Codes and names are stored: never renumber or rename.</summary>
public static class EnergyLedgerEntryKinds
{
    /// <summary>A provider's stake locked at registration (both sides).</summary>
    public static LedgerEntryKind StakeLock { get; } = new(13, "energy_stake_lock");

    /// <summary>A provider's remaining stake returned to its owner after exit (both sides).</summary>
    public static LedgerEntryKind StakeRelease { get; } = new(14, "energy_stake_release");

    /// <summary>An offtaker funding its escrow (both sides).</summary>
    public static LedgerEntryKind EscrowDeposit { get; } = new(15, "energy_escrow_deposit");

    /// <summary>An offtaker taking unspent escrow back (both sides).</summary>
    public static LedgerEntryKind EscrowWithdraw { get; } = new(16, "energy_escrow_withdraw");

    /// <summary>A settlement's payment leaving the offtaker's escrow.</summary>
    public static LedgerEntryKind SettlementPayment { get; } = new(17, "energy_settlement_payment");

    /// <summary>The provider owner's part of a settlement.</summary>
    public static LedgerEntryKind SettlementReceived { get; } = new(18, "energy_settlement_received");

    /// <summary>The treasury's fee on a settlement (it sub-ledger).</summary>
    public static LedgerEntryKind SettlementFee { get; } = new(19, "energy_settlement_fee");

    /// <summary>Stake slashed by an upheld dispute, paid to the treasury (both sides).</summary>
    public static LedgerEntryKind Slash { get; } = new(20, "energy_slash");

    public static IReadOnlyList<LedgerEntryKind> All { get; } =
        [StakeLock, StakeRelease, EscrowDeposit, EscrowWithdraw, SettlementPayment, SettlementReceived, SettlementFee, Slash];
}
