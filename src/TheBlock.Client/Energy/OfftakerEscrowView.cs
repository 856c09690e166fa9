namespace TheBlock.Client.Energy;

/// <summary>Result of <c>energy.escrow.show</c>: what an offtaker holds in the energy escrow (CT).</summary>
public sealed record OfftakerEscrowView(string Address, ulong Escrow);
