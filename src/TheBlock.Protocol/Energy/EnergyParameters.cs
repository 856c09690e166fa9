using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Energy;

/// <summary>The energy market's settings (genesis <c>modules.energy</c>), read once per use from the genesis.</summary>
public sealed record EnergyParameters(
    ulong MinStake,
    ulong DisputeWindowBlocks,
    ulong ExpiryBlocks,
    ulong FeeBps,
    ulong SlashBps,
    ulong MaxSkewSeconds,
    ulong LateAfterSeconds,
    ulong SuspendBelowPpm,
    ulong SuspendMinEvidence)
{
    public const ulong BasisPoints = 10_000;

    public static ModuleParameter MinStakeParameter { get; } = new("min_stake", 1_000, 1, LedgerLimits.MaxSupply, "CT a provider locks at registration, at least");

    public static ModuleParameter DisputeWindowParameter { get; } = new("dispute_window_blocks", 10, 0, 1_000_000, "blocks a credit stays pending and disputable before it settles");

    public static ModuleParameter ExpiryParameter { get; } = new("expiry_blocks", 100, 1, 10_000_000, "blocks after the dispute window an unfunded credit waits before it expires");

    public static ModuleParameter FeeParameter { get; } = new("fee_bps", 250, 0, BasisPoints, "share of each settlement paid to the treasury it sub-ledger, in basis points");

    public static ModuleParameter SlashParameter { get; } = new("slash_bps", 1_000, 0, BasisPoints, "share of stake an upheld dispute slashes, in basis points");

    public static ModuleParameter MaxSkewParameter { get; } = new("max_skew_seconds", 300, 1, 86_400, "how far a reading's timestamp may be from the block time");

    public static ModuleParameter LateAfterParameter { get; } = new("late_after_seconds", 60, 1, 86_400, "a reading older than this when included counts as late for reputation");

    public static ModuleParameter SuspendBelowParameter { get; } = new("suspend_below_ppm", 500_000, 0, 1_000_000, "composite reputation (ppm) below which a provider is suspended");

    public static ModuleParameter SuspendMinEvidenceParameter { get; } = new("suspend_min_evidence", 3, 1, 1_000_000, "scored events a provider needs before it can be suspended");

    public static IReadOnlyList<ModuleParameter> All { get; } =
    [
        MinStakeParameter, DisputeWindowParameter, ExpiryParameter, FeeParameter, SlashParameter, MaxSkewParameter,
        LateAfterParameter, SuspendBelowParameter, SuspendMinEvidenceParameter,
    ];

    public static EnergyParameters Of(Genesis genesis)
    {
        var modules = genesis.Modules;
        ulong Get(ModuleParameter parameter) => modules.Get(EnergyModule.ModuleName, parameter);
        return new EnergyParameters(
            Get(MinStakeParameter),
            Get(DisputeWindowParameter),
            Get(ExpiryParameter),
            Get(FeeParameter),
            Get(SlashParameter),
            Get(MaxSkewParameter),
            Get(LateAfterParameter),
            Get(SuspendBelowParameter),
            Get(SuspendMinEvidenceParameter));
    }
}
