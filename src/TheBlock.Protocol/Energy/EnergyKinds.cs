using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Energy;

/// <summary>The energy market's transaction kinds. Codes are part of the canonical encoding: never renumber.</summary>
public static class EnergyKinds
{
    public static TransactionKind ProviderRegister { get; } = new(7, "energy_provider_register");

    public static TransactionKind ProviderUpdate { get; } = new(8, "energy_provider_update");

    public static TransactionKind ProviderRotateKey { get; } = new(9, "energy_provider_rotate_key");

    public static TransactionKind ProviderExit { get; } = new(10, "energy_provider_exit");

    public static TransactionKind EscrowDeposit { get; } = new(11, "energy_escrow_deposit");

    public static TransactionKind EscrowWithdraw { get; } = new(12, "energy_escrow_withdraw");

    public static TransactionKind ReadingBatch { get; } = new(13, "energy_reading_batch");

    public static TransactionKind DisputeOpen { get; } = new(14, "energy_dispute_open");

    public static TransactionKind DisputeResolve { get; } = new(15, "energy_dispute_resolve");
}
