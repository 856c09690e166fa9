namespace TheBlock.Client.Receipts;

/// <summary>
/// The reasons contract-cli reports itself for the <c>receipts</c> and <c>market</c> commands, before anything is sent
/// (exit 2). Those commands also refuse with the chain's own words where the chain would refuse the same input
/// (<c>schema_mismatch</c>, <c>invalid_market_request</c>, <c>invalid_amount</c>, <c>invalid_hash</c>).
/// </summary>
public static class ReceiptsCliReasons
{
    /// <summary>A <c>--market</c> that is not one of the markets the command reads.</summary>
    public const string InvalidMarket = "invalid_market";

    public const string InvalidLimit = "invalid_limit";

    /// <summary>A <c>--from-block</c> or <c>--to-block</c> that is not a height, or a range that ends before it starts.</summary>
    public const string InvalidBlockRange = "invalid_block_range";

    public static IReadOnlyList<string> All { get; } = [InvalidMarket, InvalidLimit, InvalidBlockRange];
}
