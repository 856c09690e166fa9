namespace TheBlock.Server.Faults;

/// <summary>
/// Failures an operator or a test can switch on to reproduce the runbook's failure paths (Treasury Stuck, Path C) and
/// the node's own: storage that fails every write and the executor's reads (→ <c>ledger_unavailable</c>), blocks that
/// include no transactions (→ <c>consensus_timeout</c>), block production that throws an unexpected exception (→ the
/// chain halts), and a block commit held, after its write, until the fault is cleared (reads must still answer, from the
/// previous block). These are only the switches: they reach the chain through <see cref="FaultyBlockStore"/> and
/// <see cref="InclusionFaultConsensus"/>, registered only when the node was started with <c>Node:AllowFaultInjection</c>
/// (<see cref="FaultInjectionServices"/>); held in memory only, so a restart clears them. Modules add their own
/// switches (<see cref="IFaultSwitch"/>), which <see cref="Names"/> lists and <see cref="TrySet"/> sets after the core's.
/// </summary>
public sealed class FaultInjection : IDisposable
{
    private readonly ManualResetEventSlim _commitReleased = new(initialState: true);
    private volatile bool _storageFailing;
    private volatile bool _inclusionStopped;
    private volatile bool _productionFailing;
    private readonly Dictionary<string, IFaultSwitch> _moduleSwitches;

    public FaultInjection(bool allowed)
        : this(allowed, [])
    {
    }

    /// <param name="allowed">whether <c>Node:AllowFaultInjection</c> is set; without it no switch can be set.</param>
    /// <param name="moduleSwitches">the modules' own switches; a name the core or another switch already has is a bug.</param>
    public FaultInjection(bool allowed, IEnumerable<IFaultSwitch> moduleSwitches)
    {
        ArgumentNullException.ThrowIfNull(moduleSwitches);
        Allowed = allowed;
        _moduleSwitches = new Dictionary<string, IFaultSwitch>(StringComparer.Ordinal);
        foreach (var module in moduleSwitches)
        {
            if (CoreNames.Contains(module.Name, StringComparer.Ordinal) || !_moduleSwitches.TryAdd(module.Name, module))
            {
                throw new InvalidOperationException($"two fault switches are named \"{module.Name}\"; each debug.fault.set name must be unique");
            }
        }

        Names = [.. CoreNames, .. _moduleSwitches.Keys.Order(StringComparer.Ordinal)];
    }

    public bool Allowed { get; }

    public bool StorageFailing => _storageFailing;

    public bool InclusionStopped => _inclusionStopped;

    public bool ProductionFailing => _productionFailing;

    public bool CommitHeld => !_commitReleased.IsSet;

    public const string Storage = "storage";
    public const string BlockInclusion = "block_inclusion";
    public const string BlockProduction = "block_production";
    public const string CommitHold = "commit_hold";

    private static readonly string[] CoreNames = [Storage, BlockInclusion, BlockProduction, CommitHold];

    /// <summary>Every fault <c>debug.fault.set</c> takes: the core's, then the modules' in name order.</summary>
    public IReadOnlyList<string> Names { get; }

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
                if (!_moduleSwitches.TryGetValue(name, out var module))
                {
                    return false;
                }

                module.Set(active);
                return true;
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
