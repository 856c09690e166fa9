using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Chain;

/// <summary>Economic and timing parameters fixed at genesis.</summary>
public sealed record ChainParameters(
    ulong BlockReward,
    uint TreasuryPercent,
    ulong EpochLength,
    ulong BlockIntervalMs,
    int MaxBlockTransactions)
{
    /// <summary>The fastest block interval a chain (or a node's override) may run at.</summary>
    public const ulong MinBlockIntervalMs = 10;

    /// <summary>How long a chain must be able to run at its reward before the supply could leave the ledger's range.</summary>
    public const ulong GuaranteedYears = 1_000;

    /// <summary>Blocks in <see cref="GuaranteedYears"/> Julian years (365.25 days) at <see cref="MinBlockIntervalMs"/>: 3,155,760,000,000.</summary>
    public const ulong BlocksIn1000YearsAtMinInterval = GuaranteedYears * 36_525 * 864_000 / MinBlockIntervalMs;

    /// <summary>
    /// The largest reward whose <see cref="BlocksIn1000YearsAtMinInterval"/> blocks fit <see cref="LedgerLimits.MaxSupply"/>
    /// (2,922,710 CT); <see cref="Genesis.Problems"/> also counts the genesis supply against the same bound.
    /// </summary>
    public const ulong MaxBlockReward = LedgerLimits.MaxSupply / BlocksIn1000YearsAtMinInterval;

    public IEnumerable<string> Problems()
    {
        if (BlockReward > MaxBlockReward)
        {
            yield return $"block_reward is {BlockReward}; it must be at most {MaxBlockReward}, so that {GuaranteedYears} years of {MinBlockIntervalMs} ms blocks ({BlocksIn1000YearsAtMinInterval} blocks) fit the ledger's {LedgerLimits.MaxSupply} CT";
        }

        if (TreasuryPercent > 100)
        {
            yield return $"treasury_percent is {TreasuryPercent}; it must be between 0 and 100";
        }

        if (EpochLength == 0)
        {
            yield return "epoch_length must be at least 1";
        }

        if (BlockIntervalMs is < MinBlockIntervalMs or > 3_600_000)
        {
            yield return $"block_interval_ms is {BlockIntervalMs}; it must be between {MinBlockIntervalMs} and 3600000";
        }

        if (MaxBlockTransactions is < 1 or > 100_000)
        {
            yield return $"max_block_transactions is {MaxBlockTransactions}; it must be between 1 and 100000";
        }
    }
}
