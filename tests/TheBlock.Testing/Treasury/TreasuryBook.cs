using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Testing;

/// <summary>
/// For tests: the treasury's state as one read-only view over the committed state or a block in progress: disbursements that
/// are not final, the next id, the escrow and the executor lease.
/// </summary>
public readonly struct TreasuryBook(IStateReader state)
{
    /// <summary>Disbursements that are not final, by id (built on each call: for views and tests, not hot paths).</summary>
    public IReadOnlyDictionary<ulong, Disbursement> Active => state.ActiveDisbursements().ToDictionary(d => d.Id);

    public IEnumerable<Disbursement> ActiveInOrder => state.ActiveDisbursements();

    public ulong NextId => state.NextDisbursementId;

    public TreasuryBalances Escrow => state.Escrow;

    public ExecutorLease? Lease => state.Lease;

    public bool Exists(ulong id) => id >= 1 && id < NextId;

    public bool IsRolledBack(ulong id) => StateOf(id) == DisbursementState.RolledBack;

    public DisbursementState? StateOf(ulong id) => state.StateOf(id);
}

/// <summary>Gives every state reader its treasury view.</summary>
public static class TreasuryBookAccess
{
    extension(IStateReader state)
    {
        public TreasuryBook Book => new(state);
    }
}
