namespace TheBlock.Protocol.Chain;

/// <summary>Economic and timing parameters fixed at genesis.</summary>
public sealed record ChainParameters(
    ulong BlockReward,
    uint TreasuryPercent,
    ulong EpochLength,
    ulong BlockIntervalMs,
    int MaxBlockTransactions)
{
    /// <summary>
    /// Caps the reward so the supply stays within the ledger's signed 64-bit storage for millions of years of blocks.
    /// </summary>
    public const ulong MaxBlockReward = 1_000_000_000_000;

    public IEnumerable<string> Problems()
    {
        if (BlockReward > MaxBlockReward)
        {
            yield return $"block_reward is {BlockReward}; it must be at most {MaxBlockReward}";
        }

        if (TreasuryPercent > 100)
        {
            yield return $"treasury_percent is {TreasuryPercent}; it must be between 0 and 100";
        }

        if (EpochLength == 0)
        {
            yield return "epoch_length must be at least 1";
        }

        if (BlockIntervalMs is < 10 or > 3_600_000)
        {
            yield return $"block_interval_ms is {BlockIntervalMs}; it must be between 10 and 3600000";
        }

        if (MaxBlockTransactions is < 1 or > 100_000)
        {
            yield return $"max_block_transactions is {MaxBlockTransactions}; it must be between 1 and 100000";
        }
    }
}
