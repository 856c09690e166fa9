using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Treasury;

/// <summary>
/// What one executor tick should do: the queued disbursements to pay now (in id order, within the funds left after
/// payouts already in flight), those that would fit no longer, the members of dependency cycles, and how many are
/// matured (queued with every dependency met).
/// </summary>
public sealed record PayoutPlan(
    IReadOnlyList<Disbursement> Pay,
    IReadOnlyList<Disbursement> Unfunded,
    IReadOnlyList<ulong> CycleMembers,
    int Matured,
    int Blocked);
