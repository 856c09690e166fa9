using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>The end-of-block step that mints the reward: the treasury's share to its ct sub-ledger, the rest to the producer.</summary>
public static class BlockRewards
{
    public static ulong TreasuryShare(ChainParameters parameters) =>
        (ulong)((UInt128)parameters.BlockReward * parameters.TreasuryPercent / 100);

    public static void Apply(StateOverlay overlay, ChainParameters parameters, Address producer)
    {
        if (parameters.BlockReward == 0)
        {
            return;
        }

        var treasuryShare = TreasuryShare(parameters);
        overlay.Mint(parameters.BlockReward);
        overlay.CreditTreasury(SubLedger.Ct, treasuryShare, LedgerEntryKind.TreasuryAccrual, null);
        overlay.Credit(producer, parameters.BlockReward - treasuryShare, LedgerEntryKind.BlockReward, null);
    }
}
