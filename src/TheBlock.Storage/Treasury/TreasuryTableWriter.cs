using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Treasury;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Treasury;

/// <summary>Applies a block's treasury events to the treasury's tables: a created disbursement is inserted, a moved one updated, the lease upserted.</summary>
internal sealed class TreasuryTableWriter : IModuleTableWriter
{
    private readonly PreparedStatement _insertDisbursement;
    private readonly PreparedStatement _updateDisbursement;
    private readonly PreparedStatement _setLease;

    public TreasuryTableWriter(SqliteConnection connection)
    {
        _insertDisbursement = new(connection, "INSERT INTO disbursements (id, state, amount_ct, amount_it, created_tx, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _updateDisbursement = new(connection, "UPDATE disbursements SET state = ?2, record = ?3 WHERE id = ?1");
        _setLease = new(connection, "INSERT INTO executor_lease (id, holder, executor, expires_at) VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, executor = excluded.executor, expires_at = excluded.expires_at");
    }

    public void Write(SqliteTransaction transaction, BlockEffects effects)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        foreach (var emitted in effects.Events)
        {
            switch (emitted.Event)
            {
                case DisbursementCreated { Disbursement: var created }:
                    Insert(created);
                    break;
                case DisbursementChanged { Disbursement: var changed }:
                    Update(changed, effects.Block.Height);
                    break;
                case ExecutorLeaseChanged { Lease: var lease }:
                    _setLease.Bind(1, lease.Holder);
                    _setLease.Bind(2, lease.Executor.ToArray());
                    _setLease.Bind(3, checked((long)lease.ExpiresAt));
                    _setLease.Execute();
                    break;
            }
        }
    }

    public void Dispose()
    {
        _insertDisbursement.Dispose();
        _updateDisbursement.Dispose();
        _setLease.Dispose();
    }

    private void Insert(Disbursement disbursement)
    {
        _insertDisbursement.Bind(1, checked((long)disbursement.Id));
        _insertDisbursement.Bind(2, DisbursementStates.Name(disbursement.State));
        _insertDisbursement.Bind(3, checked((long)disbursement.Proposal.AmountCt));
        _insertDisbursement.Bind(4, checked((long)disbursement.Proposal.AmountIt));
        _insertDisbursement.Bind(5, disbursement.CreatedTx.ToArray());
        _insertDisbursement.Bind(6, disbursement.Encode());
        _insertDisbursement.Execute();
    }

    private void Update(Disbursement disbursement, ulong height)
    {
        _updateDisbursement.Bind(1, checked((long)disbursement.Id));
        _updateDisbursement.Bind(2, DisbursementStates.Name(disbursement.State));
        _updateDisbursement.Bind(3, disbursement.Encode());
        if (_updateDisbursement.ExecuteCountingChanges() != 1)
        {
            throw new StateCorruptedException($"disbursement {disbursement.Id} changed in block {height} but has no stored row");
        }
    }
}
