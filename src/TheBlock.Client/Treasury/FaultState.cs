namespace TheBlock.Client.Treasury;

/// <summary>Result of <c>debug.fault.set</c>: which fault, now on or off.</summary>
public sealed record FaultState(string Fault, bool Active);
