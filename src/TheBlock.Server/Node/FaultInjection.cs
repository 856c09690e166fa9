namespace TheBlock.Server.Node;

/// <summary>
/// Failures an operator or a test can switch on to reproduce the runbook's failure paths (Treasury Stuck, Path C):
/// storage that fails every write and the executor's reads (→ <c>ledger_unavailable</c>), and blocks that include no
/// transactions (→ <c>consensus_timeout</c>). Off unless the node was started with <c>Node:AllowFaultInjection</c>;
/// held in memory only, so a restart clears them.
/// </summary>
public sealed class FaultInjection
{
    private volatile bool _storageFailing;
    private volatile bool _inclusionStopped;

    public FaultInjection(bool allowed) => Allowed = allowed;

    public bool Allowed { get; }

    public bool StorageFailing => _storageFailing;

    public bool InclusionStopped => _inclusionStopped;

    public const string Storage = "storage";
    public const string BlockInclusion = "block_inclusion";

    public static IReadOnlyList<string> Names { get; } = [Storage, BlockInclusion];

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
            default:
                return false;
        }
    }
}
