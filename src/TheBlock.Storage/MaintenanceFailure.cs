namespace TheBlock.Storage;

/// <summary>
/// A background maintenance round (indexing or WAL checkpoint) that failed: what it threw, how many rounds in a row have
/// failed, and how long until the next try. The chain keeps committing meanwhile; only the derived indexes lag.
/// </summary>
public sealed record MaintenanceFailure(Exception Error, int ConsecutiveFailures, TimeSpan RetryIn);
