using TheBlock.Server.Faults;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>
/// The energy module's fault switch <c>readings_submit_delay</c> (runbook "Energy Stalled", path A): while on, the node
/// holds every <c>energy.readings.submit</c> for <c>Node:FaultDelayMs</c> before admitting its batch, as a slow node
/// would. An oracle replica forwards one batch at a time, so each can then pass at most batch size ÷ delay readings a
/// second and every reading waits at least the delay: <c>oracle_latency_seconds</c> rises on wall-clock time alone, not
/// on CPU, and a second replica doubles the capacity. Registered only when the node allows fault injection.
/// </summary>
public sealed class ReadingsSubmitDelay(NodeOptions options, TimeProvider time) : IFaultSwitch
{
    public const string FaultName = Client.Energy.EnergyFaults.ReadingsSubmitDelay;

    private volatile bool _active;

    public string Name => FaultName;

    public bool Active => _active;

    public TimeSpan Delay { get; } = TimeSpan.FromMilliseconds(options.FaultDelayMs);

    public void Set(bool active) => _active = active;

    /// <summary>Waits out the delay while the switch is on; returns at once otherwise.</summary>
    public Task HoldAsync(CancellationToken cancellationToken) =>
        _active ? Task.Delay(Delay, time, cancellationToken) : Task.CompletedTask;
}
