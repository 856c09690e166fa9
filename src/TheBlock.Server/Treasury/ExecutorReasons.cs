using TheBlock.Client.Treasury;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Treasury;

/// <summary>How the executor names the chain's refusal of its own transaction with one of <see cref="TreasuryReasonRegistry.Executor"/>'s codes.</summary>
public static class ExecutorReasons
{
    /// <summary>
    /// The code for the chain's refusal of one of the executor's transactions, so the runbook branches on what went
    /// wrong (docs/TREASURY.md, "Executor reasons"); null when the refusal only says the chain moved on since the tick
    /// read it (the disbursement was paid or rolled back meanwhile, a dependency rolled back): not a failure.
    /// Any other refusal means the node could not apply its own transaction to its own state: <c>ledger_unavailable</c>.
    /// </summary>
    public static string? ForRefusal(Rejection rejection) => rejection.Reason switch
    {
        TreasuryReasons.NotQueued or TreasuryReasons.DependenciesUnmet => null,
        TreasuryReasons.InsufficientFunds => TreasuryReasonRegistry.Executor.InsufficientFunds,
        TreasuryReasons.LeaseHeldElsewhere or TreasuryReasons.NotLeaseHolder => TreasuryReasonRegistry.Executor.LeaseHeldElsewhere,
        TreasuryReasons.InvalidDestination => TreasuryReasonRegistry.Executor.InvalidTarget,
        RejectionReasons.MempoolFull => TreasuryReasonRegistry.Executor.ConsensusTimeout,
        _ => TreasuryReasonRegistry.Executor.LedgerUnavailable,
    };
}
