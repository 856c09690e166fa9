namespace TheBlock.Server.Devnet;

/// <summary>
/// How many times faster than the deployed rules a devnet's alerts run. The rules assume mainnet time: 1 s blocks and
/// 120-block (2-minute) epochs, so "for 3 epochs" is <c>for: 6m</c>. A devnet with shorter epochs reaches the same chain
/// states sooner, so its windows shrink by the same factor, up to <see cref="Max"/>: past it the shortest window
/// (<c>[1m]</c>) would hold too few 1-second scrapes for <c>rate()</c> to mean anything.
/// </summary>
public static class AlertTimeScale
{
    public const int Max = 10;

    private const ulong MainnetEpochMs = 120_000;

    public static int For(ulong epochLength, ulong blockIntervalMs)
    {
        var epochMs = Math.Max(1, epochLength * blockIntervalMs);
        return (int)Math.Clamp(MainnetEpochMs / epochMs, 1, Max);
    }
}
