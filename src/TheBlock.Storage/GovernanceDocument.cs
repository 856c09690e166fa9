using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>The genesis file's <c>governance</c> section: the council, its voting rules and the executor keys.</summary>
internal sealed class GovernanceDocument
{
    public List<CouncilMemberDocument>? Council { get; set; }

    public uint QuorumPpm { get; set; }

    public uint ThresholdPpm { get; set; }

    public bool CascadeRollback { get; set; } = true;

    public ulong DefaultVoteWindowEpochs { get; set; } = 1;

    public ulong DefaultTimelockEpochs { get; set; } = 1;

    public ulong DefaultRollbackWindowEpochs { get; set; } = 1;

    public List<string>? Executors { get; set; }

    public ulong MaxLeaseTtlSeconds { get; set; } = 600;

    public static GovernanceDocument From(GovernanceParameters governance) => new()
    {
        Council = [.. governance.Council.Select(m => new CouncilMemberDocument { Address = m.Address.ToString(), VotingPower = m.VotingPower })],
        QuorumPpm = governance.QuorumPpm,
        ThresholdPpm = governance.ThresholdPpm,
        CascadeRollback = governance.CascadeRollback,
        DefaultVoteWindowEpochs = governance.DefaultVoteWindowEpochs,
        DefaultTimelockEpochs = governance.DefaultTimelockEpochs,
        DefaultRollbackWindowEpochs = governance.DefaultRollbackWindowEpochs,
        Executors = [.. governance.Executors.Select(a => a.ToString())],
        MaxLeaseTtlSeconds = governance.MaxLeaseTtlSeconds,
    };

    /// <summary>Builds the parameters, adding every unreadable address to <paramref name="problems"/>.</summary>
    public GovernanceParameters ToParameters(List<string> problems)
    {
        var council = new List<CouncilMember>();
        foreach (var member in Council ?? [])
        {
            if (Address.TryParse(member.Address, out var address, out var error))
            {
                council.Add(new CouncilMember(address, member.VotingPower));
            }
            else
            {
                problems.Add($"governance.council: {error}");
            }
        }

        var executors = new List<Address>();
        foreach (var executor in Executors ?? [])
        {
            if (Address.TryParse(executor, out var address, out var error))
            {
                executors.Add(address);
            }
            else
            {
                problems.Add($"governance.executors: {error}");
            }
        }

        return new GovernanceParameters(
            council, QuorumPpm, ThresholdPpm, CascadeRollback, DefaultVoteWindowEpochs, DefaultTimelockEpochs,
            DefaultRollbackWindowEpochs, executors, MaxLeaseTtlSeconds);
    }
}

internal sealed class CouncilMemberDocument
{
    public string? Address { get; set; }

    public ulong VotingPower { get; set; }
}
