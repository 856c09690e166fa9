using TheBlock.Protocol.Energy;

namespace TheBlock.Storage;

/// <summary>One page of credits, newest first, and the <c>before_id</c> of the next page (null on the last).</summary>
public sealed record EnergyCreditPage(IReadOnlyList<Credit> Items, ulong? NextBeforeId);

/// <summary>What is open in the market: pending credits and their kWh (saturating at 2^64 − 1), and open disputes.</summary>
public sealed record EnergyOpenTotals(ulong PendingCredits, ulong PendingKwh, ulong ActiveDisputes);
