using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Governance;

/// <summary>
/// The council and the rules of its disbursement votes, fixed at genesis. Ratios are in parts per million:
/// a vote passes when the power that voted (yes, no or abstain) reaches <see cref="QuorumPpm"/> of the council's
/// total and yes reaches <see cref="ThresholdPpm"/> of yes + no. <see cref="Executors"/> are the keys that may hold
/// the treasury executor's lease and sign payouts.
/// </summary>
public sealed record GovernanceParameters(
    IReadOnlyList<CouncilMember> Council,
    uint QuorumPpm,
    uint ThresholdPpm,
    bool CascadeRollback,
    ulong DefaultVoteWindowEpochs,
    ulong DefaultTimelockEpochs,
    ulong DefaultRollbackWindowEpochs,
    IReadOnlyList<Address> Executors,
    ulong MaxLeaseTtlSeconds)
{
    public const uint PartsPerMillion = 1_000_000;
    public const ulong MaxWindowEpochs = 100_000;
    public const ulong MaxVotingPower = 1_000_000_000_000;

    /// <summary>
    /// A council with the usual rules: half the power must vote and half of yes + no must be yes; one epoch each to
    /// vote, to wait and to roll back; cascade on; leases of up to ten minutes.
    /// </summary>
    public static GovernanceParameters WithDefaults(IReadOnlyList<CouncilMember> council, IReadOnlyList<Address> executors) =>
        new(council, QuorumPpm: 500_000, ThresholdPpm: 500_000, CascadeRollback: true, DefaultVoteWindowEpochs: 1,
            DefaultTimelockEpochs: 1, DefaultRollbackWindowEpochs: 1, executors, MaxLeaseTtlSeconds: 600);

    /// <summary>The proposal as the chain accepts it: windows it leaves absent take this council's defaults.</summary>
    public Treasury.DisbursementProposal WithDefaultWindows(Treasury.DisbursementProposal proposal) => proposal with
    {
        VoteWindowEpochs = proposal.VoteWindowEpochs ?? DefaultVoteWindowEpochs,
        TimelockEpochs = proposal.TimelockEpochs ?? DefaultTimelockEpochs,
        RollbackWindowEpochs = proposal.RollbackWindowEpochs ?? DefaultRollbackWindowEpochs,
    };

    public ulong TotalVotingPower => Council.Aggregate(0UL, (total, member) => total + member.VotingPower);

    public ulong PowerOf(Address address) => Council.FirstOrDefault(m => m.Address == address)?.VotingPower ?? 0;

    public bool IsMember(Address address) => Council.Any(m => m.Address == address);

    public bool IsExecutor(Address address) => Executors.Contains(address);

    public IEnumerable<string> Problems()
    {
        if (Council.Count == 0)
        {
            yield return "governance.council must name at least one member";
        }

        if (Council.Select(m => m.Address).Distinct().Count() != Council.Count)
        {
            yield return "governance.council names a member more than once";
        }

        foreach (var member in Council.Where(m => m.VotingPower is 0 or > MaxVotingPower))
        {
            yield return $"governance.council member {member.Address} has voting power {member.VotingPower}; it must be between 1 and {MaxVotingPower}";
        }

        if (QuorumPpm > PartsPerMillion)
        {
            yield return $"governance.quorum_ppm is {QuorumPpm}; it must be at most {PartsPerMillion}";
        }

        if (ThresholdPpm is 0 or > PartsPerMillion)
        {
            yield return $"governance.threshold_ppm is {ThresholdPpm}; it must be between 1 and {PartsPerMillion}";
        }

        if (DefaultVoteWindowEpochs is 0 or > MaxWindowEpochs)
        {
            yield return $"governance.default_vote_window_epochs is {DefaultVoteWindowEpochs}; it must be between 1 and {MaxWindowEpochs}";
        }

        if (DefaultTimelockEpochs > MaxWindowEpochs || DefaultRollbackWindowEpochs > MaxWindowEpochs)
        {
            yield return $"governance default timelock and rollback windows must be at most {MaxWindowEpochs} epochs";
        }

        if (Executors.Count == 0)
        {
            yield return "governance.executors must name at least one executor address";
        }

        if (MaxLeaseTtlSeconds is 0 or > 86_400)
        {
            yield return $"governance.max_lease_ttl_seconds is {MaxLeaseTtlSeconds}; it must be between 1 and 86400";
        }
    }
}
