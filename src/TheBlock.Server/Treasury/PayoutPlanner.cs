using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>
/// Decides which queued disbursements the executor pays this tick. A disbursement is payable when every dependency is
/// executed or finalized and the sub-ledgers still cover it after the payouts in flight; one that does not fit does
/// not stop smaller ones behind it. Dependencies always point to lower ids, so a cycle means stored state is
/// corrupt: its members are reported and skipped.
/// </summary>
public static class PayoutPlanner
{
    /// <param name="stateOf">the committed state of a disbursement that is not in <paramref name="view"/>'s active set.</param>
    /// <param name="inFlight">ids whose payout was submitted and is not yet included.</param>
    public static PayoutPlan Plan(TreasuryView view, Func<ulong, DisbursementState?> stateOf, IReadOnlySet<ulong> inFlight)
    {
        var active = new Dictionary<ulong, Disbursement>(view.Active.Count);
        foreach (var disbursement in view.Active)
        {
            active[disbursement.Id] = disbursement;
        }

        var cycles = CycleMembers(active);
        var (availableCt, availableIt) = (view.Treasury.Ct, view.Treasury.It);
        foreach (var id in inFlight)
        {
            if (active.TryGetValue(id, out var staged) && staged.State == DisbursementState.Queued)
            {
                availableCt -= Math.Min(availableCt, staged.Proposal.AmountCt);
                availableIt -= Math.Min(availableIt, staged.Proposal.AmountIt);
            }
        }

        var pay = new List<Disbursement>();
        var unfunded = new List<Disbursement>();
        var (matured, blocked) = (0, 0);
        foreach (var disbursement in view.Active)
        {
            if (disbursement.State != DisbursementState.Queued || inFlight.Contains(disbursement.Id) || cycles.Contains(disbursement.Id))
            {
                continue;
            }

            if (!DependenciesMet(disbursement, active, stateOf))
            {
                blocked++;
                continue;
            }

            matured++;
            var (amountCt, amountIt) = (disbursement.Proposal.AmountCt, disbursement.Proposal.AmountIt);
            if (amountCt <= availableCt && amountIt <= availableIt)
            {
                availableCt -= amountCt;
                availableIt -= amountIt;
                pay.Add(disbursement);
            }
            else
            {
                unfunded.Add(disbursement);
            }
        }

        return new PayoutPlan(pay, unfunded, [.. cycles.Order()], matured, blocked);
    }

    private static bool DependenciesMet(Disbursement disbursement, Dictionary<ulong, Disbursement> active, Func<ulong, DisbursementState?> stateOf)
    {
        foreach (var dep in disbursement.Proposal.Deps)
        {
            var state = active.TryGetValue(dep, out var known) ? known.State : stateOf(dep);
            if (state is not (DisbursementState.Executed or DisbursementState.Finalized))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Ids on a dependency cycle among the active disbursements (iterative depth-first search, colours).</summary>
    private static HashSet<ulong> CycleMembers(Dictionary<ulong, Disbursement> active)
    {
        var onCycle = new HashSet<ulong>();
        var colour = new Dictionary<ulong, byte>(active.Count); // 1 = on the current path, 2 = done
        var path = new List<ulong>();
        var stack = new Stack<(ulong Id, int NextDep)>();
        foreach (var (start, disbursement) in active)
        {
            if (disbursement.Proposal.Deps.Count == 0 || colour.ContainsKey(start))
            {
                continue;
            }

            stack.Push((start, 0));
            colour[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var deps = active[id].Proposal.Deps;
                if (next < deps.Count)
                {
                    stack.Push((id, next + 1));
                    var dep = deps[next];
                    if (!active.TryGetValue(dep, out var target) || target.Proposal.Deps.Count == 0)
                    {
                        continue;
                    }

                    if (!colour.TryGetValue(dep, out var c))
                    {
                        colour[dep] = 1;
                        path.Add(dep);
                        stack.Push((dep, 0));
                    }
                    else if (c == 1)
                    {
                        onCycle.UnionWith(path.Skip(path.LastIndexOf(dep)));
                    }
                }
                else
                {
                    colour[id] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return onCycle;
    }
}
