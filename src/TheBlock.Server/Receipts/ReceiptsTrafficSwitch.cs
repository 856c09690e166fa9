namespace TheBlock.Server.Receipts;

/// <summary>
/// Whether the devnet's simulated storage, compute and ad providers post receipts. An operator turns it off to rehearse
/// the runbook's "Receipts Flatlining" (<c>contract-cli dev drill market-flatline</c>) and on again to recover: while off,
/// those three markets stop emitting once the emitter's queue drains, and energy and blocks go on. Held in memory only,
/// so a restart turns the traffic back on.
/// </summary>
public sealed class ReceiptsTrafficSwitch
{
    private volatile bool _active = true;

    public bool Active => _active;

    public void Set(bool active) => _active = active;
}
