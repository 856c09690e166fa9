namespace TheBlock.Protocol.Treasury;

/// <summary>
/// The committed governance state the chain keeps in memory: disbursements that are not final yet (by id), the ids of
/// rolled-back ones (so a dependency on one is known to have failed), the next id, the escrow and the executor lease.
/// Final disbursements live only in storage: they never change again, and the state root already commits to them.
/// </summary>
public sealed class TreasuryBook
{
    private readonly SortedDictionary<ulong, Disbursement> _active = [];
    private readonly HashSet<ulong> _rolledBack = [];

    public IReadOnlyDictionary<ulong, Disbursement> Active => _active;

    public IEnumerable<Disbursement> ActiveInOrder => _active.Values;

    public ulong NextId { get; private set; } = 1;

    public Ledger.TreasuryBalances Escrow { get; private set; }

    public ExecutorLease? Lease { get; private set; }

    public bool Exists(ulong id) => id >= 1 && id < NextId;

    public bool IsRolledBack(ulong id) => _rolledBack.Contains(id);

    /// <summary>The state of an existing disbursement as of this book: active ones exactly, final ones by elimination.</summary>
    public DisbursementState? StateOf(ulong id) =>
        _active.TryGetValue(id, out var active) ? active.State
        : !Exists(id) ? null
        : _rolledBack.Contains(id) ? DisbursementState.RolledBack
        : DisbursementState.Finalized;

    internal void Put(Disbursement disbursement)
    {
        if (disbursement.State.IsFinal())
        {
            _active.Remove(disbursement.Id);
            if (disbursement.State == DisbursementState.RolledBack)
            {
                _rolledBack.Add(disbursement.Id);
            }
        }
        else
        {
            _active[disbursement.Id] = disbursement;
        }
    }

    internal void SetScalars(ulong nextId, Ledger.TreasuryBalances escrow, ExecutorLease? lease)
    {
        NextId = nextId;
        Escrow = escrow;
        Lease = lease;
    }
}
