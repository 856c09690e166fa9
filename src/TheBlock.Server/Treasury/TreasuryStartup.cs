using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>Refuses an executor configuration the genesis would refuse, and sets the treasury gauges from storage.</summary>
internal sealed class TreasuryStartup(NodeOptions options, TreasuryMetrics metrics) : IModuleStartup
{
    public void Start(ChainService chain)
    {
        var problems = options.ProblemsAgainst(chain.Genesis.Governance);
        if (problems.Count > 0)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", problems));
        }

        metrics.SetCounts(chain.Reader.CountDisbursementsByState());
        metrics.BalanceCt.Set(chain.Treasury.Ct);
        metrics.BalanceIt.Set(chain.Treasury.It);
    }
}
