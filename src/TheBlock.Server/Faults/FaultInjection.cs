namespace TheBlock.Server.Faults;

/// <summary>
/// Failures an operator or a test can switch on to reproduce the runbook's failure paths (Treasury Stuck, Path C) and
/// the node's own: storage that fails every write and the executor's reads (→ <c>ledger_unavailable</c>), blocks that
/// include no transactions (→ <c>consensus_timeout</c>), block production that throws an unexpected exception (→ the
/// chain halts), and a block commit held, after its write, until the fault is cleared (reads must still answer, from the
/// previous block). These are only the switches: they reach the chain through <see cref="FaultyBlockStore"/> and
/// <see cref="InclusionFaultConsensus"/>, registered only when the node was started with <c>Node:AllowFaultInjection</c>
/// (<see cref="FaultInjectionServices"/>); held in memory only, so a restart clears them.
/// </summary>
public sealed class FaultInjection : IDisposable
{
    private readonly ManualResetEventSlim _commitReleased = new(initialState: true);
    private volatile bool _storageFailing;
    private volatile bool _inclusionStopped;
    private volatile bool _productionFailing;

    public FaultInjection(bool allowed) => Allowed = allowed;

    public bool Allowed { get; }

    public bool StorageFailing => _storageFailing;

    public bool InclusionStopped => _inclusionStopped;

    public bool ProductionFailing => _productionFailing;

    public bool CommitHeld => !_commitReleased.IsSet;

    public const string Storage = "storage";
    public const string BlockInclusion = "block_inclusion";
    public const string BlockProduction = "block_production";
    public const string CommitHold = "commit_hold";

    public static IReadOnlyList<string> Names { get; } = [Storage, BlockInclusion, BlockProduction, CommitHold];

    /// <summary>Switches a fault on or off; false when the name is unknown or injection is not allowed.</summary>
    public bool TrySet(string name, bool active)
    {
        if (!Allowed)
        {
            return false;
        }

        switch (name)
        {
            case Storage:
                _storageFailing = active;
                return true;
            case BlockInclusion:
                _inclusionStopped = active;
                return true;
            case BlockProduction:
                _productionFailing = active;
                return true;
            case CommitHold:
                if (active)
                {
                    _commitReleased.Reset();
                }
                else
                {
                    _commitReleased.Set();
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Blocks the block commit from returning while <see cref="CommitHold"/> is on, as a stalled fsync would.</summary>
    public void WaitWhileCommitHeld() => _commitReleased.Wait();

    /// <summary>Releases a held commit, so shutdown never waits on a fault.</summary>
    public void Dispose()
    {
        _commitReleased.Set();
    }
}
