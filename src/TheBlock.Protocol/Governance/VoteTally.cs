namespace TheBlock.Protocol.Governance;

/// <summary>The voting power cast each way so far.</summary>
public readonly record struct VoteTally(ulong Yes, ulong No, ulong Abstain)
{
    public UInt128 Cast => (UInt128)Yes + No + Abstain;

    public VoteTally Add(VoteChoice choice, ulong power) => choice switch
    {
        VoteChoice.Yes => this with { Yes = Yes + power },
        VoteChoice.No => this with { No = No + power },
        _ => this with { Abstain = Abstain + power },
    };

    /// <summary>Quorum: cast power ≥ quorum of the total. Threshold: yes ≥ threshold of yes + no (and some yes).</summary>
    public bool Passes(ulong totalPower, uint quorumPpm, uint thresholdPpm) =>
        Cast * GovernanceParameters.PartsPerMillion >= (UInt128)totalPower * quorumPpm
        && Yes > 0
        && (UInt128)Yes * GovernanceParameters.PartsPerMillion >= ((UInt128)Yes + No) * thresholdPpm;
}
