namespace TheBlock.Protocol.Governance;

/// <summary>A council member's vote. Values are part of the canonical encoding: never renumber.</summary>
public enum VoteChoice : byte
{
    Yes = 1,
    No = 2,
    Abstain = 3,
}
