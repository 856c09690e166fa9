namespace TheBlock.Server.Faults;

/// <summary>
/// A failure a module brings to <c>debug.fault.set</c>: its name on the wire and how to switch it. A module registers
/// its switches in DI (<c>services.AddSingleton&lt;IFaultSwitch, …&gt;()</c>) only when <c>Node:AllowFaultInjection</c>
/// is set, so without the flag none of its fault code is on a request's path; <see cref="FaultInjection"/> lists and sets
/// them next to the core's own. Held in memory only, so a restart clears them.
/// </summary>
public interface IFaultSwitch
{
    /// <summary>The <c>fault</c> value of <c>debug.fault.set</c>, snake_case and unique across the node.</summary>
    string Name { get; }

    bool Active { get; }

    void Set(bool active);
}
