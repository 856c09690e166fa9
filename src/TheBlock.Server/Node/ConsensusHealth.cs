namespace TheBlock.Server.Node;

/// <summary>
/// Whether blocks are being committed on schedule. With a single validator "stalled" means the producer has not
/// committed for three block intervals (a storage failure, a hung host, an injected fault).
/// </summary>
public static class ConsensusHealth
{
    private const int StallIntervals = 3;

    public static long StalledForSeconds(ChainHead head, TimeSpan blockInterval, DateTimeOffset now)
    {
        var sinceCommit = now - head.CommittedAt;
        return sinceCommit > blockInterval * StallIntervals ? (long)sinceCommit.TotalSeconds : 0;
    }

    public static bool IsHealthy(ChainHead head, TimeSpan blockInterval, DateTimeOffset now) =>
        now - head.CommittedAt <= blockInterval * StallIntervals;
}
