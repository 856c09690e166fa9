using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Chain;

/// <summary>The end-of-block step that mints the reward: the treasury's share to its ct sub-ledger, the rest to the producer.</summary>
public static class BlockRewards
{
    /// <summary>The reason a block is refused when its reward would take the supply past <see cref="LedgerLimits.MaxSupply"/>.</summary>
    public const string SupplyOverflow = "supply_overflow";

    public static ulong TreasuryShare(ChainParameters parameters) =>
        (ulong)((UInt128)parameters.BlockReward * parameters.TreasuryPercent / 100);

    public static void Apply(StateOverlay overlay, ChainParameters parameters, Address producer)
    {
        if (parameters.BlockReward == 0)
        {
            return;
        }

        // Genesis bounds make this unreachable for 1,000 years of the fastest blocks; past that (or on a chain started
        // before the bounds), the block is refused with a reason rather than written and failing in storage.
        var created = (UInt128)overlay.Supply.Genesis + overlay.Supply.Minted + parameters.BlockReward;
        if (created > LedgerLimits.MaxSupply)
        {
            throw new BlockRejectedException(new Rejection(
                SupplyOverflow,
                $"block {overlay.Height} would mint {parameters.BlockReward} CT onto {overlay.Supply.Genesis + overlay.Supply.Minted} CT created so far, past the ledger's maximum {LedgerLimits.MaxSupply} CT"));
        }

        var treasuryShare = TreasuryShare(parameters);
        overlay.Mint(parameters.BlockReward);
        overlay.CreditTreasury(SubLedger.Ct, treasuryShare, LedgerEntryKind.TreasuryAccrual, null);
        overlay.Credit(producer, parameters.BlockReward - treasuryShare, LedgerEntryKind.BlockReward, null);
    }
}
