namespace TheBlock.Protocol.Ledger;

/// <summary>Why a balance changed. The snake_case names (<see cref="LedgerEntryKinds"/>) are stored and shown.</summary>
public enum LedgerEntryKind : byte
{
    Genesis = 1,
    BlockReward = 2,
    TreasuryAccrual = 3,
    TransferOut = 4,
    TransferIn = 5,
    Fee = 6,
    FeeIncome = 7,
}
