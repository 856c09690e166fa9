using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Receipts;

/// <summary>The service markets' settings (genesis <c>modules.receipts</c>), read once per use from the genesis.</summary>
public sealed record ReceiptsParameters(ulong MinStake, ulong FeeBps)
{
    public const ulong BasisPoints = 10_000;

    public static ModuleParameter MinStakeParameter { get; } = new("min_stake", 1_000, 1, LedgerLimits.MaxSupply, "CT a market provider locks at registration, at least");

    public static ModuleParameter FeeParameter { get; } = new("fee_bps", 250, 0, BasisPoints, "share of each receipt's payment paid to the treasury it sub-ledger, in basis points");

    public static IReadOnlyList<ModuleParameter> All { get; } = [MinStakeParameter, FeeParameter];

    public static ReceiptsParameters Of(Genesis genesis) => new(
        genesis.Modules.Get(ReceiptsModule.ModuleName, MinStakeParameter),
        genesis.Modules.Get(ReceiptsModule.ModuleName, FeeParameter));

    public ulong FeeOn(ulong amount) => (ulong)((UInt128)amount * FeeBps / BasisPoints);
}
