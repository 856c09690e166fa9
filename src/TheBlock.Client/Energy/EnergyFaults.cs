namespace TheBlock.Client.Energy;

/// <summary>The energy module's fault switches for <c>debug.fault.set</c> (a node started with fault injection allowed).</summary>
public static class EnergyFaults
{
    /// <summary>While on, the node holds every <c>energy.readings.submit</c> for <c>Node:FaultDelayMs</c> (runbook "Energy Stalled", path A).</summary>
    public const string ReadingsSubmitDelay = "readings_submit_delay";
}
