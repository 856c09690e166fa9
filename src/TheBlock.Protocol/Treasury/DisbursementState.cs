namespace TheBlock.Protocol.Treasury;

/// <summary>
/// Where a disbursement is in its life (spec/treasury.md). Values are part of the canonical encoding: never renumber.
/// <see cref="Finalized"/> and <see cref="RolledBack"/> are final.
/// </summary>
public enum DisbursementState : byte
{
    Draft = 1,
    Voting = 2,
    Timelocked = 3,
    Queued = 4,
    Executed = 5,
    Finalized = 6,
    RolledBack = 7,
}
